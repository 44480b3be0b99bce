package dev.vigil.analytics.slo;

/** The counts of one SLO, summable over any window up to the evaluation time. */
@FunctionalInterface
interface WindowedCounts {
    /** Counts of the minutes starting in {@code [fromMillis, toMillis)}. */
    Counts sum(long fromMillis, long toMillis);
}
