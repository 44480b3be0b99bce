package dev.vigil.analytics.bottlenecks;

import java.util.Arrays;

/** A growable list of durations in microseconds. Not thread-safe. */
final class Durations {
    private long[] micros = new long[8];
    private int size;

    void add(long value) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = value;
    }

    int size() {
        return size;
    }

    long sum() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += micros[i];
        }
        return total;
    }

    /** Nearest-rank percentile in milliseconds, NaN when empty; sorts in place. */
    double percentileMs(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        Arrays.sort(micros, 0, size);
        return LatencyStats.rank(micros, size, q);
    }
}
