package dev.vigil.analytics.query;

import java.util.Arrays;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.PackedDoubleHistogram;

/**
 * A nearest-rank percentile (the definition SLO tooling and Vigil's endpoint statistics use).
 * Exact while a group has at most {@link #EXACT_LIMIT} values; past that the values move into
 * a packed HdrHistogram with two significant digits, so the answer is within 1% and the memory
 * per group stays a few kilobytes however many rows the group has.
 */
final class Percentile extends Accumulator {
    static final int EXACT_LIMIT = 1024;

    private final double quantile;
    private final Store store;
    private final boolean owner;

    Percentile(double quantile) {
        this(quantile, new Store(), true);
    }

    /**
     * A percentile reading the values another percentile of the same field collects, so
     * {@code p95(x), p99(x)} keep one set of values; only the {@code owner} adds to it.
     */
    Percentile(double quantile, Store store, boolean owner) {
        this.quantile = quantile;
        this.store = store;
        this.owner = owner;
    }

    Store store() {
        return store;
    }

    @Override
    void add(Object value) {
        if (owner) {
            store.add(value);
        }
    }

    @Override
    Object result() {
        return store.valueAt(quantile);
    }

    /** The values of one field in one group: exact while few, then histograms. */
    static final class Store {
        private double[] exact = new double[8];
        private int size;
        private DoubleHistogram positive;
        private DoubleHistogram negative;

        void add(Object value) {
            double number = Values.number(value);
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return;
            }
            if (positive != null) {
                record(number);
                return;
            }
            if (size == exact.length) {
                if (size >= EXACT_LIMIT) {
                    positive = new PackedDoubleHistogram(2);
                    negative = new PackedDoubleHistogram(2);
                    for (int i = 0; i < size; i++) {
                        record(exact[i]);
                    }
                    exact = null;
                    record(number);
                    return;
                }
                exact = Arrays.copyOf(exact, size * 2);
            }
            exact[size++] = number;
        }

        private void record(double number) {
            if (number >= 0) {
                positive.recordValue(number);
            } else {
                negative.recordValue(-number);
            }
        }

        Object valueAt(double quantile) {
            if (positive == null) {
                if (size == 0) {
                    return null;
                }
                double[] sorted = Arrays.copyOf(exact, size);
                Arrays.sort(sorted);
                return sorted[rank(quantile, size)];
            }
            long negatives = negative.getTotalCount();
            long total = negatives + positive.getTotalCount();
            long rank = rank(quantile, total) + 1L;
            if (rank <= negatives) {
                // The rank-th smallest of the negatives is the (negatives - rank + 1)-th largest magnitude.
                long fromSmallestMagnitude = negatives - rank + 1;
                return -negative.getValueAtPercentile(100.0 * fromSmallestMagnitude / negatives);
            }
            long rankInPositives = rank - negatives;
            return positive.getValueAtPercentile(100.0 * rankInPositives / positive.getTotalCount());
        }

        /** 0-based index of the nearest-rank element among {@code n}. */
        private static int rank(double quantile, long n) {
            long index = (long) Math.ceil(quantile * n) - 1;
            return (int) Math.max(0, Math.min(n - 1, index));
        }
    }
}
