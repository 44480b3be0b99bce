package dev.vigil.rca;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.metrics.StepSeries;
import dev.vigil.ingest.metrics.SeriesKey;

/**
 * How far each metric series moved in the window from its normal level: the window's typical
 * step (the second most extreme of two or three, else the median deviation) against the median
 * and MAD of the steps in the reference period (robust z). Unlike the run detection of
 * {@link MetricSignalDetector}, a window of two or three per-minute steps is enough. Thread-safe.
 */
final class MetricShiftDetector {
    private static final int MAX_SERIES = 5_000;
    private static final int MIN_NORMAL_STEPS = 5;
    /** A flat baseline has no spread; a move counts against this share of its level instead. */
    static final double FLAT_SHARE = 0.1;

    private final MetricQueryEngine metrics;

    MetricShiftDetector(MetricQueryEngine metrics) {
        this.metrics = metrics;
    }

    /**
     * @param z        signed robust z of the window's most extreme step
     * @param value    that step's value
     * @param baseline the normal median
     * @param atMillis when that step was
     */
    record Shift(String service, String name, String subject, double z, double value, double baseline, long atMillis) {
    }

    List<Shift> detect(AnalysisFrame frame, String service) {
        List<Shift> out = new ArrayList<>();
        int seen = 0;
        long step = frame.stepMillis();
        for (String name : metrics.metricNames()) {
            if (name.endsWith("_bucket")) {
                continue;
            }
            boolean counter = name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum");
            String selector = service == null ? name : name + "{service=\"" + service.replace("\"", "\\\"") + "\"}";
            List<StepSeries> series = metrics.query(new MetricQuery(SeriesSelector.parse(selector), frame.hull(),
                    Duration.ofMillis(step), counter ? Aggregation.RATE : Aggregation.AVG, List.of()));
            for (StepSeries one : series) {
                if (++seen > MAX_SERIES) {
                    return out;
                }
                String owner = one.labels().getOrDefault("service", one.labels().get("job"));
                if (owner == null) {
                    continue;
                }
                Shift shift = shift(frame, one, owner, counter);
                if (shift != null) {
                    out.add(shift);
                }
            }
        }
        return out;
    }

    private static Shift shift(AnalysisFrame frame, StepSeries series, String owner, boolean counter) {
        long[] ts = series.timestampsMillis();
        double[] values = series.values();
        double[] normal = new double[values.length];
        int n = 0;
        long step = frame.stepMillis();
        for (int i = 0; i < values.length; i++) {
            long nanos = ts[i] * 1_000_000L;
            if (!Double.isNaN(values[i]) && frame.normal(nanos) && frame.normal(nanos + step * 1_000_000L - 1)) {
                normal[n++] = values[i];
            }
        }
        if (n < MIN_NORMAL_STEPS) {
            return null;
        }
        double[] sorted = Arrays.copyOf(normal, n);
        Arrays.sort(sorted);
        if (sorted[0] == sorted[n - 1]) {
            // A flat line (often a series filled with zeros while it had no data) is no baseline.
            return null;
        }
        double median = median(sorted, n);
        double[] deviations = new double[n];
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        // A flat baseline has no MAD: fall back to a small share of its level so that any real move shows.
        double scale = Math.max(1.4826 * median(deviations, n), Math.max(FLAT_SHARE * Math.abs(median), 1e-9));
        // The window's typical step, not its most extreme one: one odd scrape is not a shift.
        List<Integer> inWindow = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            long nanos = ts[i] * 1_000_000L;
            if ((frame.window().contains(nanos) || frame.window().contains(nanos + step * 1_000_000L - 1)) && !Double.isNaN(values[i])) {
                inWindow.add(i);
            }
        }
        if (inWindow.isEmpty()) {
            return null;
        }
        inWindow.sort((a, b) -> Double.compare(Math.abs(values[b] - median), Math.abs(values[a] - median)));
        // With two or three steps, the second most extreme; with more, the median of the deviations.
        int bestIndex = inWindow.get(inWindow.size() == 1 ? 0 : inWindow.size() <= 3 ? 1 : inWindow.size() / 2);
        double best = (values[bestIndex] - median) / scale;
        String subject = SeriesKey.of(series.name(), series.labels()) + (counter ? " (rate/s)" : "");
        return new Shift(owner, series.name(), subject, best, values[bestIndex], median, ts[bestIndex]);
    }

    private static double median(double[] sorted, int n) {
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
