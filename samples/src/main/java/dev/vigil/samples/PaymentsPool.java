package dev.vigil.samples;

import java.util.ArrayList;
import java.util.List;

import static dev.vigil.samples.Timeline.*;

/**
 * The payments HikariCP pool (20 connections). Release v2.14.0 forgets to close the connection on
 * one code path, so from shortly after it takes traffic one connection leaks about every ten
 * seconds until none is left; every request then waits the full 30 s connectionTimeout and fails.
 * The rollback replaces the process and with it the pool.
 */
final class PaymentsPool {
    static final int MAX = 20;
    static final long CONNECTION_TIMEOUT = 30 * SECOND;

    /** When each of the 20 connections leaked. */
    final long[] leaks = new long[MAX];
    /** Threads that waited for a connection: {from, to}. */
    private final List<long[]> waits = new ArrayList<>();

    PaymentsPool(Rng rng) {
        double step = (double) (PAYMENTS_POOL_EXHAUSTED - PAYMENTS_FIRST_LEAK) / (MAX - 1);
        for (int i = 0; i < MAX; i++) {
            long jitter = i == 0 || i == MAX - 1 ? 0 : (long) (rng.uniform(-0.35, 0.35) * step);
            leaks[i] = PAYMENTS_FIRST_LEAK + (long) (i * step) + jitter;
        }
    }

    /** The process serving a request that starts at {@code t} runs the leaking release. */
    static boolean leakingRelease(long t) {
        return t >= PAYMENTS_NEW_READY && t < PAYMENTS_ROLLBACK_READY;
    }

    static String version(long t) {
        return leakingRelease(t) ? "v2.14.0" : "v2.13.2";
    }

    int leaked(long t) {
        if (!leakingRelease(t)) {
            return 0;
        }
        int n = 0;
        for (long leak : leaks) {
            if (leak <= t) {
                n++;
            }
        }
        return n;
    }

    /**
     * How long a thread asking for a connection at {@code t} waits, in nanoseconds;
     * {@link #CONNECTION_TIMEOUT} means it gets none and fails.
     */
    long acquire(long t, Rng rng) {
        int available = MAX - leaked(t);
        long wait;
        if (available <= 0) {
            wait = CONNECTION_TIMEOUT;
        } else if (available <= 2 && rng.chance(0.35)) {
            wait = Math.min(CONNECTION_TIMEOUT, quantize(rng.exponential(1200)));
        } else if (available <= 5 && rng.chance(0.05)) {
            wait = quantize(rng.exponential(150));
        } else {
            wait = 0;
        }
        if (wait > 0) {
            waits.add(new long[] {t, t + wait});
        }
        return wait;
    }

    /** The process serving requests that start at {@code t}: 0 and 2 run v2.13.2, 1 runs v2.14.0. */
    static int process(long t) {
        return t < PAYMENTS_NEW_READY ? 0 : t < PAYMENTS_ROLLBACK_READY ? 1 : 2;
    }

    /** Threads waiting for a connection at {@code t} in the process that serves new requests then. */
    int waiting(long t) {
        return waiting(t, process(t));
    }

    /** Threads waiting for a connection at {@code t} in the given {@link #process}. */
    int waiting(long t, int process) {
        int n = 0;
        for (long[] w : waits) {
            if (w[0] <= t && w[1] > t && process(w[0]) == process) {
                n++;
            }
        }
        return n;
    }

    /** Connections in use at {@code t}: the leaked ones plus the few that requests hold briefly. */
    int active(long t, Rng rng) {
        if (waiting(t) > 0 && MAX - leaked(t) <= 2) {
            return MAX;
        }
        return Math.min(MAX, leaked(t) + rng.poisson(0.8));
    }

    static long quantize(double ms) {
        return Math.max(1, Math.round(ms * 10)) * 100_000L;
    }
}
