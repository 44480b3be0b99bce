/** Metric queries: series selection with PromQL-style matchers, step alignment and aggregation. */
package dev.vigil.analytics.metrics;
