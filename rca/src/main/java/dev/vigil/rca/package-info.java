/**
 * Root-cause analysis: for an incident window, finds the signals that went anomalous (metrics,
 * endpoints, log patterns), orders them by onset, and weighs the changes that preceded them.
 * {@link dev.vigil.rca.RootCauseAnalyzer} is the entry point.
 */
package dev.vigil.rca;
