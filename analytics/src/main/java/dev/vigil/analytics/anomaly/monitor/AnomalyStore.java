package dev.vigil.analytics.anomaly.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;

/**
 * Anomalies kept as events in the pipeline (see {@link AnomalyEvents}): written through the
 * journal like any ingest, so they survive restarts and are searchable. Storing an episode whose
 * id is already stored does nothing, so a scan repeated after a crash adds no duplicates.
 * Thread-safe; callers that must not store one episode twice concurrently serialise
 * {@link #store} (the monitor does).
 */
final class AnomalyStore {
    /** More anomalies than this in one answer are cut (the newest are dropped). */
    static final int MAX_ANSWER = 10_000;

    private final EventPipeline pipeline;
    private final EventScanner scanner;

    AnomalyStore(EventPipeline pipeline) {
        this.pipeline = pipeline;
        this.scanner = new EventScanner(pipeline);
    }

    /** Appends the anomalies not stored yet and waits until they are searchable. */
    void store(List<Anomaly> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Anomaly a : anomalies) {
            long onset = Timestamps.toNanos(a.onset());
            from = Math.min(from, onset);
            to = Math.max(to, onset + 1);
        }
        Set<String> known = new HashSet<>();
        for (Anomaly a : find(new TimeRange(from, to), null, null)) {
            known.add(a.id());
        }
        List<LogEvent> events = new ArrayList<>();
        for (Anomaly a : anomalies) {
            if (known.add(a.id())) {
                events.add(AnomalyEvents.toEvent(a));
            }
        }
        if (events.isEmpty()) {
            return;
        }
        long index = pipeline.append(EventKind.LOG, events).join();
        pipeline.awaitSearchable(index).join();
    }

    /**
     * Stored anomalies whose onset lies in {@code range}, sorted by onset then series.
     *
     * @param service only anomalies of this service, or null
     * @param kind    only this kind, or null
     */
    List<Anomaly> find(TimeRange range, String service, SignalKind kind) {
        StringBuilder query = new StringBuilder().append("service:").append(quote(AnomalyEvents.SERVICE))
                .append(" AND ").append(AnomalyEvents.KIND_ATTRIBUTE).append(':').append(quote(AnomalyEvents.KIND_VALUE));
        if (service != null) {
            query.append(" AND ").append(AnomalyEvents.OF_SERVICE).append(':').append(quote(service));
        }
        if (kind != null) {
            query.append(" AND ").append(AnomalyEvents.SIGNAL).append(':').append(quote(kind.label()));
        }
        List<Anomaly> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        scanner.scan(query.toString(), "log", range, MAX_ANSWER, (Event event) -> {
            Anomaly a = event instanceof LogEvent log ? AnomalyEvents.fromEvent(log) : null;
            if (a != null && ids.add(a.id())) {
                out.add(a);
            }
        });
        out.sort(Comparator.comparing(Anomaly::onset).thenComparing(a -> a.signal().series()));
        return out;
    }

    /** A Lucene phrase that matches the keyword exactly. */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
