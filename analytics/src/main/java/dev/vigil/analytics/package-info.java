/**
 * Analytics over the index: log search and histograms, metric queries, request statistics per
 * endpoint, and anomaly scoring. Reads only; never writes to ingest's storage.
 */
package dev.vigil.analytics;
