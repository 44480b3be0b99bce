/**
 * Alerting: rules (threshold, anomaly, absence of data, log pattern, burn rate) evaluated on a
 * tick, each alert's lifecycle (inactive, pending, firing, resolved) with {@code for} durations,
 * flap detection, silences, grouping into notifications, and the persisted history of every
 * transition. {@link dev.vigil.rca.alerts.AlertEngine} is the entry point; sending the
 * notifications it returns is the api module's job.
 */
package dev.vigil.rca.alerts;
