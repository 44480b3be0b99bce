package dev.vigil.rca.changes;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;

/**
 * Change intelligence: deploys, rollbacks, migrations and configuration changes with stable ids,
 * rollbacks linked to the deploys they undo, and a verdict on each change (healthy, degraded or
 * inconclusive, with the numbers and a rollback recommendation). The entry point of this package
 * for the API, the RCA and incidents: {@link #verdict(ChangeEvent)} attaches a verdict to a change
 * found anywhere. Reads the index on the calling thread (blocking: call it from a worker).
 * Thread-safe.
 */
public final class ChangeIntelligence {
    private final ChangeTracker tracker;
    private final ChangeVerdictEvaluator evaluator;

    /** With {@link VerdictSettings#defaults()} and the system clock. */
    public ChangeIntelligence(EventPipeline pipeline, TemplateCatalog templates) {
        this(pipeline, templates, VerdictSettings.defaults(), () -> Timestamps.toNanos(java.time.Instant.now()));
    }

    /** @param nowNanos the clock that bounds windows still open (epoch nanoseconds) */
    public ChangeIntelligence(EventPipeline pipeline, TemplateCatalog templates, VerdictSettings settings, LongSupplier nowNanos) {
        this.tracker = new ChangeTracker(new EventScanner(pipeline));
        this.evaluator = new ChangeVerdictEvaluator(new ServiceActivityReader(pipeline, templates), tracker, settings, nowNanos);
    }

    /** Changes in a range, oldest first; {@code service} and {@code type} filter when not null. */
    public List<TrackedChange> list(TimeRange range, String service, ChangeType type, int limit) {
        return tracker.list(range, service, type, limit);
    }

    /** The change with this id (see {@link ChangeId}); empty when none. */
    public Optional<TrackedChange> find(String id) {
        return tracker.find(id);
    }

    /** The verdict on the change with this id; empty when there is no such change. */
    public Optional<ChangeVerdict> verdict(String id) {
        return tracker.find(id).map(evaluator::evaluate);
    }

    /** The verdict on a change event, e.g. one an RCA ranked or an incident holds. */
    public ChangeVerdict verdict(ChangeEvent change) {
        return evaluator.evaluate(tracker.track(change));
    }
}
