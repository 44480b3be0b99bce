package dev.vigil.analytics.anomaly;

import java.util.Arrays;

import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Median and scaled MAD of a set of values (NaNs ignored).
 *
 * @param median the median
 * @param scale  1.4826 × MAD (the standard deviation for normal data), floored so that a flat
 *               baseline still gives finite scores
 * @param count  values used
 */
public record RobustBaseline(double median, double scale, int count) {
    /** Makes MAD a consistent estimator of the standard deviation for normal data. */
    static final double MAD_TO_SIGMA = 1.4826;

    /**
     * @param floor the smallest scale to return; callers pass a floor derived from the data's own
     *              range so that tiny wiggles on a flat line are not anomalies
     */
    public static RobustBaseline of(double[] values, int from, int to, double floor) {
        double[] clean = new double[Math.max(0, to - from)];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                clean[n++] = values[i];
            }
        }
        if (n == 0) {
            return new RobustBaseline(Double.NaN, Double.NaN, 0);
        }
        double[] data = Arrays.copyOf(clean, n);
        Median median = new Median();
        double center = median.evaluate(data);
        double[] deviations = new double[n];
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(data[i] - center);
        }
        double mad = median.evaluate(deviations);
        double scale = Math.max(MAD_TO_SIGMA * mad, Math.max(floor, 0.01 * Math.abs(center)));
        return new RobustBaseline(center, scale > 0 ? scale : Double.MIN_NORMAL, n);
    }

    /** Signed robust z-score of {@code value}; NaN when there is no baseline. */
    public double score(double value) {
        if (count == 0 || Double.isNaN(value)) {
            return Double.NaN;
        }
        return (value - median) / scale;
    }
}
