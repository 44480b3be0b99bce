package dev.vigil.analytics.anomaly.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.metrics.StepSeries;
import dev.vigil.analytics.requests.BucketStats;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.RequestStats;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.requests.ServiceStats;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.metrics.SeriesKey;
import dev.vigil.ingest.model.LogEvent;

/**
 * Reads every monitored signal over a step-aligned stretch of time: each metric series (names
 * ending in {@code _total}, {@code _count} or {@code _sum} are counters, read as per-second rates;
 * {@code _bucket} series are skipped), request rate, error rate and p95 latency per service and per
 * endpoint (from access-log doc values), and log lines per second per service and per template.
 * Vigil's own anomaly events are never read as signals. Thread-safe.
 */
final class SignalReader {
    /** Rates and percentiles of fewer requests per step are noise, not signal. */
    static final int MIN_REQUESTS = 3;

    private final MetricQueryEngine metrics;
    private final RequestStatsCalculator requests;
    private final TemplateRateCounter templates;

    SignalReader(EventPipeline pipeline) {
        this.metrics = new MetricQueryEngine(pipeline);
        this.requests = new RequestStatsCalculator(pipeline);
        this.templates = new TemplateRateCounter(pipeline);
    }

    /**
     * @param range      whole steps: both ends multiples of {@code stepMillis} (in milliseconds)
     * @param stepMillis the step
     * @param maxSeries  stop adding series past this many (the monitor's bound)
     */
    List<SignalSeries> read(TimeRange range, long stepMillis, int maxSeries) {
        long start = range.fromNanos() / 1_000_000L;
        double stepSeconds = stepMillis / 1000.0;
        List<SignalSeries> out = new ArrayList<>();
        readMetrics(range, stepMillis, maxSeries, out);
        RequestStats stats = requests.compute(range, Duration.ofMillis(stepMillis), null);
        for (ServiceStats service : stats.services()) {
            if (service.service().equals(AnomalyEvents.SERVICE)) {
                continue;
            }
            String name = service.service();
            if (service.requests() > 0) {
                addRequests(out, name, null, service.buckets(), start, stepSeconds);
            }
            double[] logRate = new double[service.logCounts().length];
            for (int i = 0; i < logRate.length; i++) {
                logRate[i] = service.logCounts()[i] / stepSeconds;
            }
            out.add(new SignalSeries(new SignalId(SignalKind.LOG_RATE, name + " log_rate", name, null, null), start, logRate));
        }
        for (EndpointStats endpoint : stats.endpoints()) {
            if (!endpoint.service().equals(AnomalyEvents.SERVICE)) {
                addRequests(out, endpoint.service(), endpoint.endpoint(), endpoint.buckets(), start, stepSeconds);
            }
        }
        for (Map.Entry<String, Map<String, long[]>> service : templates.count(range, stepMillis).entrySet()) {
            for (Map.Entry<String, long[]> template : service.getValue().entrySet()) {
                long[] counts = template.getValue();
                double[] rate = new double[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    rate[i] = counts[i] / stepSeconds;
                }
                String name = service.getKey();
                out.add(new SignalSeries(new SignalId(SignalKind.TEMPLATE_RATE, name + " template " + template.getKey() + " log_rate",
                        name, null, template.getKey()), start, rate));
            }
        }
        return out.size() > maxSeries ? out.subList(0, maxSeries) : out;
    }

    private void readMetrics(TimeRange range, long stepMillis, int maxSeries, List<SignalSeries> out) {
        for (String name : metrics.metricNames()) {
            if (name.endsWith("_bucket") || out.size() >= maxSeries) {
                continue;
            }
            boolean counter = name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum");
            List<StepSeries> series;
            try {
                series = metrics.query(new MetricQuery(SeriesSelector.parse(name), range, Duration.ofMillis(stepMillis),
                        counter ? Aggregation.RATE : Aggregation.AVG, List.of()));
            } catch (IllegalArgumentException e) {
                // More series under one name than a query may read: monitoring them all is out of bounds.
                continue;
            }
            for (StepSeries one : series) {
                Map<String, String> labels = one.labels();
                String service = labels.getOrDefault("service", labels.getOrDefault("job", LogEvent.UNKNOWN_SERVICE));
                String key = SeriesKey.of(one.name(), labels) + (counter ? " rate" : "");
                out.add(new SignalSeries(new SignalId(SignalKind.METRIC, key, service, null, null),
                        one.timestampsMillis().length == 0 ? range.fromNanos() / 1_000_000L : one.timestampsMillis()[0], one.values()));
            }
        }
    }

    private static void addRequests(List<SignalSeries> out, String service, String endpoint, List<BucketStats> buckets,
                                    long start, double stepSeconds) {
        int n = buckets.size();
        double[] rate = new double[n];
        double[] errors = new double[n];
        double[] p95 = new double[n];
        for (int i = 0; i < n; i++) {
            BucketStats b = buckets.get(i);
            rate[i] = b.requests() / stepSeconds;
            boolean enough = b.requests() >= MIN_REQUESTS;
            errors[i] = enough ? b.errorRate() : Double.NaN;
            p95[i] = enough ? b.latency().p95Ms() : Double.NaN;
        }
        String prefix = endpoint == null ? service : service + " " + endpoint;
        out.add(new SignalSeries(new SignalId(SignalKind.REQUEST_RATE, prefix + " request_rate", service, endpoint, null), start, rate));
        out.add(new SignalSeries(new SignalId(SignalKind.ERROR_RATE, prefix + " error_rate", service, endpoint, null), start, errors));
        out.add(new SignalSeries(new SignalId(SignalKind.LATENCY_P95, prefix + " latency_p95", service, endpoint, null), start, p95));
    }
}
