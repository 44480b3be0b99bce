/**
 * Request statistics from access-log-style events (route or path, status, duration): rate, error
 * rate and latency percentiles per endpoint and per service, overall and per time bucket.
 */
package dev.vigil.analytics.requests;
