package dev.vigil.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.metrics.StepSeries;
import dev.vigil.ingest.metrics.SeriesKey;

/**
 * Every metric series, stepped over the analysis frame (counters as per-second rates, gauges as
 * averages), scored against the baseline.
 */
final class MetricSignalDetector {
    /** Per-bucket histogram series multiply the series count without adding a different signal. */
    private static final int MAX_SERIES = 5_000;

    private final MetricQueryEngine metrics;

    MetricSignalDetector(MetricQueryEngine metrics) {
        this.metrics = metrics;
    }

    List<AnomalousSignal> detect(AnalysisFrame frame, String service) {
        List<AnomalousSignal> out = new ArrayList<>();
        int seen = 0;
        for (String name : metrics.metricNames()) {
            if (name.endsWith("_bucket")) {
                continue;
            }
            boolean counter = name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum");
            String selector = service == null ? name : name + "{service=\"" + service.replace("\"", "\\\"") + "\"}";
            List<StepSeries> series = metrics.query(new MetricQuery(SeriesSelector.parse(selector), frame.analysis(),
                    Duration.ofMillis(frame.stepMillis()), counter ? Aggregation.RATE : Aggregation.AVG, List.of()));
            for (StepSeries one : series) {
                if (++seen > MAX_SERIES) {
                    return out;
                }
                AnomalousSignal signal = detect(frame, one, counter);
                if (signal != null) {
                    out.add(signal);
                }
            }
        }
        return out;
    }

    private static AnomalousSignal detect(AnalysisFrame frame, StepSeries series, boolean counter) {
        long start = series.timestampsMillis().length == 0 ? 0 : series.timestampsMillis()[0];
        long step = frame.stepMillis();
        SignalDetection.Run run = SignalDetection.detect(series.values(), frame.baselineEndIndex(start, step),
                frame.windowStartIndex(start, step), frame.windowEndIndex(start, step), false);
        if (run == null) {
            return null;
        }
        long[] ts = series.timestampsMillis();
        String serviceLabel = series.labels().getOrDefault("service", series.labels().getOrDefault("job", "unknown"));
        String subject = SeriesKey.of(series.name(), series.labels()) + (counter ? " (rate/s)" : "");
        return new AnomalousSignal(CandidateKind.METRIC, serviceLabel, subject,
                Instant.ofEpochMilli(ts[run.onset()]), Instant.ofEpochMilli(ts[run.episode().end()] + step),
                run.episode().peakScore(), series.values()[run.episode().peakIndex()], run.baseline().median());
    }
}
