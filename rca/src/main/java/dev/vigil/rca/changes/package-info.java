/**
 * Change intelligence: deploys, rollbacks, migrations and configuration changes as first-class
 * objects with stable ids ({@link dev.vigil.rca.changes.ChangeId}), rollbacks linked to the deploys
 * they undo ({@link dev.vigil.rca.changes.ChangeTracker}), and a statistical verdict on every
 * change: the new version (or the green side, or the canary) against the previous one on failure
 * rate, latency and warning templates, corrected for multiple comparisons and held to minimum
 * effects. {@link dev.vigil.rca.changes.ChangeIntelligence} is the entry point.
 */
package dev.vigil.rca.changes;
