package dev.vigil.reports.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.metrics.SeriesSamples;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;

import static dev.vigil.reports.plan.PlanFactsCollector.DEGRADED_ERROR_RATE;
import static dev.vigil.reports.plan.PlanFactsCollector.DOWN_ERROR_RATE;
import static dev.vigil.reports.plan.PlanFactsCollector.MIN_ERRORS;
import static dev.vigil.reports.plan.PlanFactsCollector.RECENT;

/**
 * Data-store components: one per system seen as a span peer ({@code db.system} or
 * {@code messaging.system}) with its callers, databases, operations and latency, plus the
 * connection pools that pool metrics show. Blocking (reads the index): call it from a worker.
 * Thread-safe (no state between calls).
 */
final class DataStoreReader {
    private static final int MAX_SPANS = 200_000;

    private final EventPipeline pipeline;
    private final ComponentClassifier classifier;

    DataStoreReader(EventPipeline pipeline, ComponentClassifier classifier) {
        this.pipeline = pipeline;
        this.classifier = classifier;
    }

    /** Data stores seen as span peers ({@code db.system}, {@code messaging.system}) and as pool metrics. */
    void read(TimeRange window, TimeRange recent, Map<String, Component> out) {
        Map<String, StoreCalls> stores = new TreeMap<>();
        new EventScanner(pipeline).scan("*", IndexFields.KIND_SPAN, window, MAX_SPANS, event -> {
            Span span = (Span) event;
            String system = span.attributes().get("db.system");
            if (system == null) {
                system = span.attributes().get("messaging.system");
            }
            if (system == null) {
                return;
            }
            StoreCalls calls = stores.computeIfAbsent(system.toLowerCase(Locale.ROOT), s -> new StoreCalls());
            calls.add(span, recent.contains(span.timestampNanos()));
        });
        Map<String, String> pools = new TreeMap<>();
        Map<String, Double> waiting = new TreeMap<>();
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            for (String name : pipeline.metrics().metricNames(snapshot)) {
                if (!classifier.isDataStoreMetric(name)) {
                    continue;
                }
                for (SeriesSamples series : pipeline.metrics().select(snapshot, name, List.of(), window.fromNanos(), window.toNanos())) {
                    String service = series.labels().getOrDefault("service", series.labels().getOrDefault("instance", "?"));
                    String pool = series.labels().getOrDefault("pool", "pool");
                    pools.merge(service, pool, (a, b) -> a.contains(b) ? a : a + ", " + b);
                    if (name.contains("pending")) {
                        long recentFrom = recent.fromNanos() / 1_000_000L;
                        for (int i = 0; i < series.size(); i++) {
                            if (series.timestampsMillis()[i] >= recentFrom) {
                                waiting.merge(service, series.values()[i], Math::max);
                            }
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, StoreCalls> entry : stores.entrySet()) {
            StoreCalls calls = entry.getValue();
            List<String> reasons = new ArrayList<>();
            ComponentStatus status = calls.status(reasons);
            List<String> details = new ArrayList<>();
            details.add("Used by " + String.join(", ", calls.users) + (calls.databases.isEmpty() ? ""
                    : " (databases " + String.join(", ", calls.databases) + ")"));
            for (String user : calls.users) {
                if (pools.containsKey(user)) {
                    details.add("Connection pool of " + user + ": " + pools.remove(user) + poolWaiting(waiting, user));
                }
                if (waiting.getOrDefault(user, 0.0) > 0) {
                    status = status.worse(ComponentStatus.DEGRADED);
                    reasons.add(user + " threads waiting for a connection");
                }
            }
            List<PlanEndpoint> operations = new ArrayList<>();
            calls.operations.forEach((op, n) -> operations.add(new PlanEndpoint(op, ComponentStatus.UNKNOWN, n[0], n[0] == 0 ? 0 : (double) n[1] / n[0],
                    Double.NaN)));
            operations.sort(Comparator.comparingLong(PlanEndpoint::requests).reversed());
            out.put(entry.getKey(), new Component(entry.getKey(), ComponentGroup.DATA_STORES, status, String.join("; ", reasons),
                    null, null, null, operations.subList(0, Math.min(8, operations.size())), calls.performance(), List.of(), details));
        }
        if (!pools.isEmpty()) {
            List<String> details = new ArrayList<>();
            ComponentStatus status = ComponentStatus.OPERATIONAL;
            List<String> reasons = new ArrayList<>();
            for (Map.Entry<String, String> pool : pools.entrySet()) {
                details.add("Pool of " + pool.getKey() + ": " + pool.getValue() + poolWaiting(waiting, pool.getKey()));
                if (waiting.getOrDefault(pool.getKey(), 0.0) > 0) {
                    status = ComponentStatus.DEGRADED;
                    reasons.add(pool.getKey() + " threads waiting for a connection");
                }
            }
            out.put("connection pools", new Component("connection pools", ComponentGroup.DATA_STORES, status, String.join("; ", reasons),
                    "database connection pools", null, null, List.of(), Performance.NONE, List.of(), details));
        }
    }

    private static String poolWaiting(Map<String, Double> waiting, String service) {
        Double max = waiting.get(service);
        return max == null ? "" : max > 0 ? String.format(Locale.ROOT, " — up to %.0f threads waiting in the last %d minutes", max,
                RECENT.toMinutes()) : " — no threads waiting";
    }

    /** Calls to one data store, gathered from spans. Not thread-safe (one scan fills it). */
    private static final class StoreCalls {
        final TreeSet<String> users = new TreeSet<>();
        final TreeSet<String> databases = new TreeSet<>();
        final Map<String, long[]> operations = new TreeMap<>();
        final List<Double> durationsMs = new ArrayList<>();
        long errors;
        long recentCalls;
        long recentErrors;

        void add(Span span, boolean isRecent) {
            users.add(span.service());
            String db = span.attributes().get("db.name");
            if (db != null) {
                databases.add(db);
            }
            boolean failed = span.status() == SpanStatus.ERROR;
            long[] op = operations.computeIfAbsent(span.operation(), o -> new long[2]);
            op[0]++;
            durationsMs.add(span.durationNanos() / 1e6);
            if (failed) {
                errors++;
                op[1]++;
            }
            if (isRecent) {
                recentCalls++;
                recentErrors += failed ? 1 : 0;
            }
        }

        ComponentStatus status(List<String> reasons) {
            if (recentCalls == 0) {
                return ComponentStatus.OPERATIONAL;
            }
            double rate = (double) recentErrors / recentCalls;
            if (rate >= DOWN_ERROR_RATE && recentErrors >= MIN_ERRORS) {
                reasons.add(PlanText.percent(rate) + " of calls failed in the last " + RECENT.toMinutes() + " minutes");
                return ComponentStatus.DOWN;
            }
            if (rate >= DEGRADED_ERROR_RATE && recentErrors >= MIN_ERRORS) {
                reasons.add(PlanText.percent(rate) + " of calls failed in the last " + RECENT.toMinutes() + " minutes");
                return ComponentStatus.DEGRADED;
            }
            return ComponentStatus.OPERATIONAL;
        }

        Performance performance() {
            if (durationsMs.isEmpty()) {
                return Performance.NONE;
            }
            double[] sorted = durationsMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double total = 0;
            for (double d : sorted) {
                total += d;
            }
            return new Performance(sorted.length, total / sorted.length, rank(sorted, 0.95), rank(sorted, 0.99),
                    (double) errors / sorted.length, Double.NaN);
        }

        private static double rank(double[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }
}
