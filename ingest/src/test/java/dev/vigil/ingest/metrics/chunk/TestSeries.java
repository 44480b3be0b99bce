package dev.vigil.ingest.metrics.chunk;

import java.util.SplittableRandom;

/** Deterministic synthetic series for codec tests. */
final class TestSeries {

    static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    static final long SCRAPE_MS = 15_000L;
    /** 2024-03-01T00:00:00Z plus an odd offset, so timestamps are not suspiciously round. */
    static final long BASE_MS = 1_709_251_200_000L + 7_331L;

    final String name;
    final long[] timestamps;
    final double[] values;

    TestSeries(String name, long[] timestamps, double[] values) {
        this.name = name;
        this.timestamps = timestamps;
        this.values = values;
    }

    int size() {
        return timestamps.length;
    }

    @Override
    public String toString() {
        return name + "[" + size() + "]";
    }

    /** Exactly every 15 s. */
    static long[] regularTimestamps(int n) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = BASE_MS + i * SCRAPE_MS;
        }
        return ts;
    }

    /** Nominally every 15 s, each scrape off by up to +/- {@code jitterMs}. */
    static long[] jitteredTimestamps(SplittableRandom rnd, int n, int jitterMs) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = BASE_MS + i * SCRAPE_MS + rnd.nextInt(-jitterMs, jitterMs + 1);
        }
        return ts;
    }

    /** Irregular: tiny steps, missed scrapes, gaps of hours to days, then back to tiny steps. */
    static long[] irregularTimestamps(SplittableRandom rnd, int n) {
        long[] ts = new long[n];
        long t = BASE_MS - 40L * 86_400_000L;
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            long step;
            if (kind < 4) {
                step = SCRAPE_MS + rnd.nextInt(-300, 301);
            } else if (kind < 6) {
                step = 1 + rnd.nextInt(5);
            } else if (kind < 7) {
                step = SCRAPE_MS * (2 + rnd.nextInt(20));
            } else if (kind < 8) {
                step = rnd.nextLong(3_600_000L, 10L * 86_400_000L); // hours to 10 days
            } else if (kind < 9) {
                step = 30L * 86_400_000L + rnd.nextInt(1000); // ~a month
            } else {
                step = rnd.nextLong(1, 1L << 40); // up to ~35 years
            }
            t += step;
            ts[i] = t;
        }
        return ts;
    }

    /** Monotonic integer counter with occasional resets, slowly increasing. */
    static double[] counter(SplittableRandom rnd, int n, int maxIncrement, boolean resets) {
        double[] v = new double[n];
        double c = rnd.nextInt(1_000, 5_000_000);
        for (int i = 0; i < n; i++) {
            if (resets && rnd.nextInt(200) == 0) {
                c = 0;
            }
            c += rnd.nextInt(maxIncrement + 1);
            v[i] = c;
        }
        return v;
    }

    /** Counter of seconds (e.g. process_cpu_seconds_total): fractional increments. */
    static double[] fractionalCounter(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        double c = rnd.nextDouble() * 10_000;
        for (int i = 0; i < n; i++) {
            c += rnd.nextDouble() * 0.4;
            v[i] = c;
        }
        return v;
    }

    /** Random-walk gauge with full-precision values. */
    static double[] gauge(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        double g = rnd.nextDouble() * 100;
        for (int i = 0; i < n; i++) {
            g += (rnd.nextDouble() - 0.5) * 3;
            v[i] = g;
        }
        return v;
    }

    /** Gauge that mostly repeats and occasionally jumps (e.g. memory in bytes, up{} flags). */
    static double[] steppyGauge(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        double g = rnd.nextInt(1 << 30);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(8) == 0) {
                g = rnd.nextInt(1 << 30) & ~0xFFF;
            }
            v[i] = g;
        }
        return v;
    }

    static double[] constant(int n, double c) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, c);
        return v;
    }

    /** Values drawn from special doubles, arbitrary raw bit patterns (all NaN payloads) and gauges. */
    static double[] special(SplittableRandom rnd, int n) {
        double[] specials = {
            Double.longBitsToDouble(STALE_NAN_BITS),
            Double.NaN,
            Double.longBitsToDouble(0x7ff8000000000001L),
            Double.longBitsToDouble(0xfff8000000000000L), // negative quiet NaN
            Double.longBitsToDouble(0x7fffffffffffffffL),
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            0.0,
            -0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1.0,
            -1.0,
        };
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(4);
            if (k == 0) {
                v[i] = specials[rnd.nextInt(specials.length)];
            } else if (k == 1) {
                v[i] = Double.longBitsToDouble(rnd.nextLong());
            } else if (k == 2 && i > 0) {
                v[i] = v[i - 1]; // repeats, incl. repeated NaNs
            } else {
                v[i] = rnd.nextInt(1000) / 8.0;
            }
        }
        return v;
    }
}
