package dev.vigil.analytics.slo;

import java.util.HashMap;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.ingest.metrics.SeriesSamples;

/**
 * Counts for metric-based SLOs: the increase of the good and the total counters per minute,
 * summed over every matching series. A decrease is a counter reset (the new value is the
 * increase since the reset), as Prometheus' {@code increase()} treats it; the first sample of a
 * series only sets its baseline. Increases are rounded to whole events per sample. Thread-safe.
 */
final class MetricRatioCounter {
    /** How far before the evaluated span a previous sample is looked for, to count the first increase. */
    private static final long LOOKBACK_MILLIS = 10 * 60_000L;

    private final MetricQueryEngine metrics;

    MetricRatioCounter(MetricQueryEngine metrics) {
        this.metrics = metrics;
    }

    /** Counts of the span {@code [fromMillis, toMillis)}; windows outside it sum to zero. */
    WindowedCounts counts(Indicator.MetricRatio indicator, long fromMillis, long toMillis) {
        Map<Long, long[]> cells = new HashMap<>();
        TimeRange range = new TimeRange((fromMillis - LOOKBACK_MILLIS) * 1_000_000L, toMillis * 1_000_000L);
        add(cells, indicator.good(), range, fromMillis, 0);
        add(cells, indicator.total(), range, fromMillis, 1);
        for (long[] cell : cells.values()) {
            // Counters scraped at different instants can put a good increase a minute ahead of its total.
            cell[0] = Math.min(cell[0], cell[1]);
        }
        MinuteCounts minutes = MinuteCounts.of(cells);
        return minutes::sum;
    }

    private void add(Map<Long, long[]> cells, String selector, TimeRange range, long fromMillis, int slot) {
        for (SeriesSamples series : metrics.select(SeriesSelector.parse(selector), range)) {
            long[] times = series.timestampsMillis();
            double[] values = series.values();
            double previous = Double.NaN;
            for (int i = 0; i < times.length; i++) {
                double value = values[i];
                if (Double.isNaN(value)) {
                    continue;
                }
                if (!Double.isNaN(previous) && times[i] >= fromMillis) {
                    double increase = value >= previous ? value - previous : value;
                    long minute = Math.floorDiv(times[i], MinuteCounts.MINUTE_MILLIS);
                    cells.computeIfAbsent(minute, m -> new long[2])[slot] += Math.round(increase);
                }
                previous = value;
            }
        }
    }
}
