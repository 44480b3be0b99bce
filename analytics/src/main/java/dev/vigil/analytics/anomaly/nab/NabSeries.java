package dev.vigil.analytics.anomaly.nab;

import java.util.List;

/**
 * One NAB data file with its labelled windows resolved to row indices.
 *
 * @param category   the folder under {@code data/} (e.g. {@code realKnownCause})
 * @param file       the file name (e.g. {@code nyc_taxi.csv})
 * @param timestamps the raw timestamp column, as written in the file
 * @param values     the value column
 * @param windows    anomaly windows as inclusive row ranges, in time order
 */
public record NabSeries(String category, String file, List<String> timestamps, double[] values, List<Window> windows) {

    /** An anomaly window: rows {@code [left, right]}, both inclusive. */
    public record Window(int left, int right) {
        public int width() {
            return right - left + 1;
        }
    }

    /** {@code category/file}, the key NAB's label files use. */
    public String key() {
        return category + "/" + file;
    }

    public int size() {
        return values.length;
    }

    /** Rows never scored: the first 15% of the file, at most 750. */
    public int probation() {
        return NabScorer.probationLength(values.length);
    }
}
