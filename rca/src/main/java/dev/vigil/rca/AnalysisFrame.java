package dev.vigil.rca;

import java.time.Duration;

import dev.vigil.analytics.TimeRange;

/**
 * The time frame of one analysis: the incident window, the baseline before it (treated as
 * normal), and the step at which signals are compared.
 *
 * <p>Causes often start before the window the user picked (a leak ramps up long before it hurts),
 * so the baseline ends a guard gap before the window (as long as the window, at most 30 minutes)
 * and the analysis scans the gap too. The baseline is long (at least 90 minutes in all, at least
 * three windows) because a robust baseline stays correct only while less than half of it is
 * abnormal, and earlier incidents may fall into it.
 */
record AnalysisFrame(TimeRange window, TimeRange analysis, TimeRange baseline, long stepMillis) {
    static final Duration MIN_LOOKBACK = Duration.ofMinutes(90);
    static final Duration MAX_GAP = Duration.ofMinutes(30);

    static AnalysisFrame around(TimeRange window) {
        Duration lookback = window.length().multipliedBy(3);
        if (lookback.compareTo(MIN_LOOKBACK) < 0) {
            lookback = MIN_LOOKBACK;
        }
        Duration gap = window.length().compareTo(MAX_GAP) > 0 ? MAX_GAP : window.length();
        long start = window.fromNanos() - lookback.toNanos();
        TimeRange baseline = new TimeRange(start, window.fromNanos() - gap.toNanos());
        TimeRange analysis = new TimeRange(start, window.toNanos());
        long step = analysis.niceStep(240).toMillis();
        return new AnalysisFrame(window, analysis, baseline, Math.max(step, 15_000));
    }

    /** Index of the first step after the baseline, for step series starting at {@code startMillis}. */
    int baselineEndIndex(long startMillis, long step) {
        return (int) Math.max(0, (baseline.toNanos() / 1_000_000L - startMillis + step - 1) / step);
    }

    /** Index of the first step at or after the window start, for step series starting at {@code startMillis}. */
    int windowStartIndex(long startMillis, long step) {
        return (int) Math.max(0, (window.fromNanos() / 1_000_000L - startMillis + step - 1) / step);
    }

    int windowEndIndex(long startMillis, long step) {
        return (int) ((window.toNanos() / 1_000_000L - 1 - startMillis) / step);
    }
}
