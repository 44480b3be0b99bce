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
record AnalysisFrame(TimeRange window, TimeRange analysis, TimeRange baseline, long stepMillis, TimeRange reference) {
    static final Duration MIN_LOOKBACK = Duration.ofMinutes(90);
    static final Duration MAX_GAP = Duration.ofMinutes(30);
    /** Metric scrapes are rarely finer than this; a finer step only makes empty steps. */
    static final long EXPLICIT_MIN_STEP_MILLIS = 60_000;

    AnalysisFrame(TimeRange window, TimeRange analysis, TimeRange baseline, long stepMillis) {
        this(window, analysis, baseline, stepMillis, baseline);
    }

    /**
     * The frame for a request: around the window when no baseline is given; otherwise the given
     * baseline is the {@link #reference()} (all of it but the window counts as normal) and
     * {@link #baseline()} is its part before the window, for the step-series detectors that need
     * normal steps before abnormal ones. The step is at least a minute then, as the baseline may
     * lie hours before the window.
     */
    static AnalysisFrame of(TimeRange window, TimeRange baseline) {
        if (baseline == null) {
            return around(window);
        }
        long step = Math.max(EXPLICIT_MIN_STEP_MILLIS, window.niceStep(10).toMillis());
        long before = Math.min(baseline.toNanos(), window.fromNanos());
        // A baseline wholly after the window leaves no normal steps before it: one empty step.
        long priorFrom = Math.min(baseline.fromNanos(), before - step * 1_000_000L);
        TimeRange prior = new TimeRange(priorFrom, before);
        TimeRange analysis = new TimeRange(priorFrom, window.toNanos());
        return new AnalysisFrame(window, analysis, prior, step, baseline);
    }

    /** True when {@code nanos} lies in the reference period and outside the window. */
    boolean normal(long nanos) {
        return reference.contains(nanos) && !window.contains(nanos);
    }

    /** The whole span that any detector reads: the reference period and the window. */
    TimeRange hull() {
        return new TimeRange(Math.min(reference.fromNanos(), analysis.fromNanos()),
                Math.max(reference.toNanos(), window.toNanos()));
    }

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
