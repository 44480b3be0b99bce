package dev.vigil.analytics.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the samples of one series within one step become one value. {@link #RATE} treats the
 * series as a counter (per-second increase, resets handled as in Prometheus); the others treat it
 * as a gauge.
 */
public enum Aggregation {
    AVG, MIN, MAX, SUM, COUNT, LAST, RATE, P50, P95, P99;

    public static Aggregation parse(String text) {
        if (text == null || text.isBlank()) {
            return AVG;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown aggregation '" + text + "'; use avg, min, max, sum, count, last, rate, p50, p95 or p99");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How values of several series at one step combine when grouping. */
    double combine(double[] values, int n) {
        double acc = this == MIN ? Double.POSITIVE_INFINITY : this == MAX || this == P50 || this == P95 || this == P99 ? Double.NEGATIVE_INFINITY : 0;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            seen++;
            switch (this) {
                case MIN -> acc = Math.min(acc, v);
                case MAX, P50, P95, P99 -> acc = Math.max(acc, v);
                default -> acc += v;
            }
        }
        if (seen == 0) {
            return Double.NaN;
        }
        return this == AVG ? acc / seen : acc;
    }

    /** Reduces gauge samples {@code values[0..n)} (NaN-free, may be reordered). */
    double reduce(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        switch (this) {
            case AVG: {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += values[i];
                }
                return sum / n;
            }
            case MIN: {
                double min = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, values[i]);
                }
                return min;
            }
            case MAX: {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, values[i]);
                }
                return max;
            }
            case SUM: {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += values[i];
                }
                return sum;
            }
            case COUNT:
                return n;
            case LAST:
                return values[n - 1];
            case P50:
                return quantile(values, n, 0.50);
            case P95:
                return quantile(values, n, 0.95);
            case P99:
                return quantile(values, n, 0.99);
            default:
                throw new IllegalStateException("rate is not a gauge reduction");
        }
    }

    /** Linear interpolation between closest ranks (the same estimate as Prometheus' quantile_over_time). */
    static double quantile(double[] values, int n, double q) {
        Arrays.sort(values, 0, n);
        double rank = q * (n - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(n - 1, lower + 1);
        double weight = rank - lower;
        return values[lower] * (1 - weight) + values[upper] * weight;
    }
}
