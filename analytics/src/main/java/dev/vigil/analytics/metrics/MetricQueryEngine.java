package dev.vigil.analytics.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.metrics.SeriesSamples;

/**
 * Runs {@link MetricQuery}s: selects series from the metric store, aligns samples to steps and
 * reduces each step with the query's aggregation. Thread-safe.
 */
public final class MetricQueryEngine {
    /** Protects the server from a selector that matches everything. */
    public static final int MAX_SERIES = 10_000;

    private final EventPipeline pipeline;

    public MetricQueryEngine(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Raw samples of the selected series in the range. */
    public List<SeriesSamples> select(SeriesSelector selector, dev.vigil.analytics.TimeRange range) {
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            List<SeriesSamples> series = pipeline.metrics().select(snapshot, selector.name(), selector.matchers(),
                    range.fromNanos(), range.toNanos() - 1);
            if (series.size() > MAX_SERIES) {
                throw new IllegalArgumentException("selector matches " + series.size() + " series; the most is " + MAX_SERIES
                        + ": add label matchers");
            }
            return series;
        }
    }

    public List<String> metricNames() {
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            return pipeline.metrics().metricNames(snapshot);
        }
    }

    public List<StepSeries> query(MetricQuery query) {
        // Rate needs the sample before the first step to measure its increase.
        long stepMillis = query.step().toMillis();
        dev.vigil.analytics.TimeRange range = query.range();
        long startMillis = Math.floorDiv(range.fromNanos() / 1_000_000L, stepMillis) * stepMillis;
        long endMillis = range.toNanos() / 1_000_000L;
        int steps = (int) Math.max(1, (endMillis - startMillis + stepMillis - 1) / stepMillis);
        dev.vigil.analytics.TimeRange widened = query.aggregation() == Aggregation.RATE
                ? new dev.vigil.analytics.TimeRange(startMillis * 1_000_000L - query.step().toNanos(), range.toNanos())
                : new dev.vigil.analytics.TimeRange(startMillis * 1_000_000L, range.toNanos());
        List<StepSeries> perSeries = new ArrayList<>();
        for (SeriesSamples series : select(query.selector(), widened)) {
            perSeries.add(align(series, startMillis, stepMillis, steps, query.aggregation()));
        }
        return query.groupBy().isEmpty() ? perSeries : group(perSeries, query.groupBy(), query.aggregation(), steps);
    }

    static StepSeries align(SeriesSamples series, long startMillis, long stepMillis, int steps, Aggregation aggregation) {
        long[] timestamps = new long[steps];
        double[] out = new double[steps];
        Arrays.fill(out, Double.NaN);
        for (int s = 0; s < steps; s++) {
            timestamps[s] = startMillis + s * stepMillis;
        }
        long[] ts = series.timestampsMillis();
        double[] vs = series.values();
        double[] scratch = new double[Math.max(1, ts.length)];
        int i = 0;
        double previous = Double.NaN;
        // Samples before the first step only seed the counter for rate.
        while (i < ts.length && ts[i] < startMillis) {
            if (!Double.isNaN(vs[i])) {
                previous = vs[i];
            }
            i++;
        }
        for (int s = 0; s < steps; s++) {
            long end = timestamps[s] + stepMillis;
            int n = 0;
            double increase = 0;
            int pairs = 0;
            while (i < ts.length && ts[i] < end) {
                double v = vs[i++];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (aggregation == Aggregation.RATE) {
                    if (!Double.isNaN(previous)) {
                        increase += v >= previous ? v - previous : v;
                        pairs++;
                    }
                    previous = v;
                } else {
                    scratch[n++] = v;
                }
            }
            if (aggregation == Aggregation.RATE) {
                out[s] = pairs == 0 ? Double.NaN : increase / (stepMillis / 1000.0);
            } else {
                out[s] = aggregation.reduce(scratch, n);
            }
        }
        return new StepSeries(series.name(), series.labels(), timestamps, out);
    }

    private static List<StepSeries> group(List<StepSeries> series, List<String> by, Aggregation aggregation, int steps) {
        Map<Map<String, String>, List<StepSeries>> groups = new LinkedHashMap<>();
        for (StepSeries one : series) {
            Map<String, String> key = new TreeMap<>();
            for (String label : by) {
                String value = one.labels().get(label);
                if (value != null) {
                    key.put(label, value);
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(one);
        }
        List<StepSeries> out = new ArrayList<>(groups.size());
        for (Map.Entry<Map<String, String>, List<StepSeries>> entry : groups.entrySet()) {
            List<StepSeries> members = entry.getValue();
            double[] combined = new double[steps];
            double[] column = new double[members.size()];
            for (int s = 0; s < steps; s++) {
                for (int m = 0; m < members.size(); m++) {
                    column[m] = members.get(m).values()[s];
                }
                combined[s] = aggregation.combine(column, members.size());
            }
            out.add(new StepSeries(null, entry.getKey(), members.get(0).timestampsMillis(), combined));
        }
        return out;
    }
}
