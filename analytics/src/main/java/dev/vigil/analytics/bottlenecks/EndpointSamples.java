package dev.vigil.analytics.bottlenecks;

import java.util.Arrays;

/**
 * The durations of one endpoint's requests per bucket of a {@link BucketLayout}, in microseconds,
 * with their 5xx counts: a few longs per request, never a document. Not thread-safe: one collector
 * fills it, then it is only read.
 */
final class EndpointSamples {
    private final long[][] micros;
    private final int[] sizes;
    private final long[] errors;

    EndpointSamples(int buckets) {
        micros = new long[buckets][];
        sizes = new int[buckets];
        errors = new long[buckets];
    }

    void add(int bucket, long durationMicros, boolean error) {
        long[] cell = micros[bucket];
        if (cell == null) {
            cell = micros[bucket] = new long[8];
        } else if (sizes[bucket] == cell.length) {
            cell = micros[bucket] = Arrays.copyOf(cell, cell.length * 2);
        }
        cell[sizes[bucket]++] = Math.max(0, durationMicros);
        if (error) {
            errors[bucket]++;
        }
    }

    long count(int fromBucket, int toBucket) {
        long n = 0;
        for (int b = fromBucket; b < toBucket; b++) {
            n += sizes[b];
        }
        return n;
    }

    /** Summary of buckets {@code [fromBucket, toBucket)} over a period of {@code seconds}. */
    LatencyStats stats(int fromBucket, int toBucket, double seconds) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, count(fromBucket, toBucket));
        long[] all = new long[n];
        int at = 0;
        long errorCount = 0;
        for (int b = fromBucket; b < toBucket && at < n; b++) {
            int take = Math.min(sizes[b], n - at);
            if (take > 0) {
                System.arraycopy(micros[b], 0, all, at, take);
                at += take;
            }
            errorCount += errors[b];
        }
        return LatencyStats.of(all, at, errorCount, seconds);
    }

    /** The p95 of each bucket in milliseconds, NaN for an empty bucket. */
    double[] p95PerBucket() {
        double[] out = new double[sizes.length];
        for (int b = 0; b < sizes.length; b++) {
            if (sizes[b] == 0) {
                out[b] = Double.NaN;
            } else {
                long[] copy = Arrays.copyOf(micros[b], sizes[b]);
                Arrays.sort(copy);
                out[b] = LatencyStats.rank(copy, copy.length, 0.95);
            }
        }
        return out;
    }
}
