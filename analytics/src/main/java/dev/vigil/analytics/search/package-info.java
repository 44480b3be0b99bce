/** Log, change and span search with Lucene query syntax, and histograms of matching events. */
package dev.vigil.analytics.search;
