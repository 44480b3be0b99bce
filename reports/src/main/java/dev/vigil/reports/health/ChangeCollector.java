package dev.vigil.reports.health;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.changes.ChangeVerdict;
import dev.vigil.rca.changes.Comparison;
import dev.vigil.rca.changes.TrackedChange;

/** The changes in a window with the verdict on each. Reads the index on the calling thread. Thread-safe. */
final class ChangeCollector {
    static final int MAX_CHANGES = 50;

    private final ChangeIntelligence changes;

    ChangeCollector(ChangeIntelligence changes) {
        this.changes = changes;
    }

    List<ChangeLine> collect(TimeRange window) {
        List<ChangeLine> out = new ArrayList<>();
        for (TrackedChange change : changes.list(window, null, null, MAX_CHANGES)) {
            ChangeVerdict verdict = changes.verdict(change.id()).orElse(null);
            Comparison c = verdict == null ? null : verdict.comparison();
            double pValue = Double.NaN;
            if (c != null) {
                pValue = min(c.errors() == null ? Double.NaN : c.errors().adjustedPValue(),
                        c.latency() == null ? Double.NaN : c.latency().adjustedPValue());
            }
            var event = change.event();
            out.add(new ChangeLine(change.id(), java.time.Instant.ofEpochSecond(0, event.timestampNanos()), event.service(),
                    event.type().name().toLowerCase(java.util.Locale.ROOT), event.version(),
                    verdict == null ? "" : verdict.verdict().label(), verdict == null ? "" : verdict.summary(),
                    verdict != null && verdict.recommendation() != null && verdict.recommendation().rollback(),
                    verdict == null || verdict.recommendation() == null ? null : verdict.recommendation().target(),
                    change.rolledBackBy() != null,
                    c == null || c.older() == null ? Double.NaN : c.older().errorRate(),
                    c == null || c.newer() == null ? Double.NaN : c.newer().errorRate(),
                    c == null || c.older() == null ? Double.NaN : c.older().p95Ms(),
                    c == null || c.newer() == null ? Double.NaN : c.newer().p95Ms(), pValue));
        }
        return out;
    }

    private static double min(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }
}
