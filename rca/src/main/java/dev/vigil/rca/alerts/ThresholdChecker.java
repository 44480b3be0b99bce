package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.LatencySummary;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.requests.ServiceStats;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.metrics.SeriesSamples;

/** Threshold rules: one finding per metric series, service or endpoint over its threshold. Thread-safe. */
final class ThresholdChecker {
    private final MetricQueryEngine metrics;
    private final RequestStatsCalculator requests;

    ThresholdChecker(EventPipeline pipeline) {
        this.metrics = new MetricQueryEngine(pipeline);
        this.requests = new RequestStatsCalculator(pipeline);
    }

    List<Finding> check(ThresholdCondition c, Instant now) {
        TimeRange range = TimeRange.of(now.minus(c.window()), now);
        List<Finding> out = new ArrayList<>();
        if (c.source() == ThresholdCondition.Source.METRIC) {
            for (SeriesSamples series : metrics.select(SeriesSelector.parse(c.query()), range)) {
                double value = reduce(series, c.reduce());
                if (c.op().holds(value, c.value())) {
                    out.add(new Finding(series.labels(), value, series.key() + " " + c.reduce() + " over " + Durations.format(c.window())
                            + " is " + round(value) + " (" + c.op().symbol() + " " + round(c.value()) + ")"));
                }
            }
            return out;
        }
        // One bucket as wide as the window: the rule needs the totals only.
        var stats = requests.compute(range, c.window(), c.service());
        if (c.endpoint() != null) {
            for (EndpointStats e : stats.endpoints()) {
                if (e.service().equals(c.service()) && e.endpoint().equals(c.endpoint())) {
                    double value = stat(c.stat(), e.requests(), e.errorRate(), e.ratePerSecond(), e.latency());
                    add(out, c, value, Map.of("service", e.service(), "endpoint", e.endpoint()), e.service() + " " + e.endpoint());
                }
            }
            return out;
        }
        for (ServiceStats s : stats.services()) {
            double rate = s.requests() / (double) Math.max(1, c.window().toSeconds());
            double value = stat(c.stat(), s.requests(), s.errorRate(), rate, s.latency());
            add(out, c, value, Map.of("service", s.service()), s.service());
        }
        return out;
    }

    private static void add(List<Finding> out, ThresholdCondition c, double value, Map<String, String> labels, String subject) {
        if (c.op().holds(value, c.value())) {
            out.add(new Finding(new LinkedHashMap<>(labels), value, subject + " " + c.stat() + " over " + Durations.format(c.window())
                    + " is " + round(value) + " (" + c.op().symbol() + " " + round(c.value()) + ")"));
        }
    }

    private static double stat(String stat, long requests, double errorRate, double ratePerSecond, LatencySummary latency) {
        return switch (stat) {
            case "error_rate" -> requests == 0 ? Double.NaN : errorRate;
            case "requests" -> requests;
            case "rate_per_second" -> ratePerSecond;
            case "p50_ms" -> latency.p50Ms();
            case "p95_ms" -> latency.p95Ms();
            case "p99_ms" -> latency.p99Ms();
            default -> throw new IllegalArgumentException("unknown stat " + stat);
        };
    }

    private static double reduce(SeriesSamples series, String how) {
        double[] v = series.values();
        int n = series.size();
        if (n == 0) {
            return Double.NaN;
        }
        double acc = switch (how) {
            case "max" -> Double.NEGATIVE_INFINITY;
            case "min" -> Double.POSITIVE_INFINITY;
            default -> 0;
        };
        for (int i = 0; i < n; i++) {
            acc = switch (how) {
                case "max" -> Math.max(acc, v[i]);
                case "min" -> Math.min(acc, v[i]);
                case "last" -> v[i];
                default -> acc + v[i];
            };
        }
        return how.equals("avg") ? acc / n : acc;
    }

    static String round(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.valueOf(Math.round(value * 10_000) / 10_000.0);
    }
}
