package dev.vigil.ingest.metrics;

import java.util.Map;

/**
 * The samples of one series in a time range, sorted by time.
 *
 * @param name             metric name
 * @param labels           label set, sorted
 * @param timestampsMillis sample times, non-decreasing
 * @param values           sample values (NaN marks a stale or missing value)
 */
public record SeriesSamples(String name, Map<String, String> labels, long[] timestampsMillis, double[] values) {

    public int size() {
        return timestampsMillis.length;
    }

    /** {@code name{a="1",b="2"}}, the series' identity. */
    public String key() {
        return SeriesKey.of(name, labels);
    }
}
