package dev.vigil.rca.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.vigil.analytics.anomaly.monitor.Anomaly;
import dev.vigil.rca.AnomalousSignal;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Timestamps;

/**
 * The derived part of a timeline: what the data says happened around an incident window (its
 * bounds, the changes, the signals' onsets, the anomaly monitor's episodes), rebuilt by every
 * analysis, as opposed to the incident's own history (status changes, analysis runs), which is
 * only ever appended to. Bounded so that a noisy window cannot make a huge file. Stateless.
 */
final class TimelineBuilder {
    static final int MAX_SIGNALS = 100;
    static final int MAX_CHANGES = 100;
    static final int MAX_ANOMALIES = 100;

    private TimelineBuilder() {
    }

    static List<TimelineEntry> derived(RcaResult result, List<ChangeEvent> changes, List<Anomaly> anomalies) {
        List<TimelineEntry> out = new ArrayList<>();
        out.add(new TimelineEntry(result.window().from(), TimelineEntry.Type.WINDOW, null, "incident window starts"));
        for (ChangeEvent change : changes.subList(Math.max(0, changes.size() - MAX_CHANGES), changes.size())) {
            out.add(new TimelineEntry(Timestamps.toInstant(change.timestampNanos()), TimelineEntry.Type.CHANGE, change.service(),
                    describe(change)));
        }
        List<AnomalousSignal> signals = new ArrayList<>(result.signals());
        signals.sort(Comparator.comparing(AnomalousSignal::onset));
        for (AnomalousSignal signal : signals.subList(0, Math.min(MAX_SIGNALS, signals.size()))) {
            out.add(new TimelineEntry(signal.onset(), TimelineEntry.Type.SIGNAL, signal.service(), String.format(Locale.ROOT,
                    "%s %s became anomalous (peak %s against a baseline of %s, robust z %.1f)", signal.kind().label(), signal.subject(),
                    number(signal.peakValue()), number(signal.baseline()), signal.peakScore())));
        }
        List<Anomaly> strongest = new ArrayList<>(anomalies);
        strongest.sort(Comparator.comparingDouble(Anomaly::score).reversed());
        for (Anomaly anomaly : strongest.subList(0, Math.min(MAX_ANOMALIES, strongest.size()))) {
            out.add(new TimelineEntry(anomaly.onset(), TimelineEntry.Type.ANOMALY, anomaly.signal().service(), String.format(Locale.ROOT,
                    "anomaly in %s %s: %s observed, %s expected (score %.2f)%s", anomaly.signal().kind().label(),
                    anomaly.signal().series(), number(anomaly.observed()), number(anomaly.expected()), anomaly.score(),
                    anomaly.ongoing() ? ", ongoing" : "")));
        }
        out.add(new TimelineEntry(result.window().to(), TimelineEntry.Type.WINDOW, null, "incident window ends"));
        return out;
    }

    /** The history entry that records one analysis run. */
    static TimelineEntry analysis(Instant at, RcaResult result) {
        RootCauseCandidate top = result.top();
        String answer = top == null ? "no candidate stood out"
                : String.format(Locale.ROOT, "top candidate: %s %s %s (score %.2f)", top.kind().label(), top.service(), top.subject(),
                top.score());
        return new TimelineEntry(at, TimelineEntry.Type.ANALYSIS, top == null ? null : top.service(), String.format(Locale.ROOT,
                "root-cause analysis ranked %d candidates from %d signals in %.0f ms; %s", result.candidates().size(),
                result.signals().size(), result.tookMillis(), answer));
    }

    private static String describe(ChangeEvent change) {
        StringBuilder out = new StringBuilder(change.type().label()).append(' ').append(change.service());
        if (change.version() != null) {
            out.append(' ').append(change.version());
        }
        if (change.strategy() != null) {
            out.append(" (").append(change.strategy()).append(')');
        }
        out.append(", ").append(change.status().label());
        if (change.description() != null) {
            out.append(": ").append(change.description());
        }
        return out.toString();
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
