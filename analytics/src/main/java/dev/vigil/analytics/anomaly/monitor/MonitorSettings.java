package dev.vigil.analytics.anomaly.monitor;

import java.time.Duration;

import dev.vigil.analytics.anomaly.StreamingAnomalyDetector;

/**
 * How the anomaly monitor runs.
 *
 * @param step         width of one point of every series; {@link Duration#ZERO} turns the live
 *                     monitor off (on-demand scans of past windows then use {@link #DEFAULT_STEP})
 * @param warmup       history fed to fresh detectors before their verdicts count; the detector
 *                     judges a series after about 150 points, so at least 150 steps
 * @param maxSeries    series tracked at once; past it the least recently seen is evicted
 * @param threshold    detector score at or above which a series alarms, in [0, 1]
 * @param maxEpisode   longest episode: a departure that lasts longer is the new normal
 * @param maxCatchUp   how far back a restarted live monitor resumes; older gaps are left to on-demand scans
 * @param maxScan      the longest window one on-demand request may scan
 */
public record MonitorSettings(Duration step, Duration warmup, int maxSeries, double threshold, Duration maxEpisode,
                              Duration maxCatchUp, Duration maxScan) {
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

    public MonitorSettings {
        if (step.isNegative() || (!step.isZero() && step.toMillis() < 1000)) {
            throw new IllegalArgumentException("anomaly step must be 0 (off) or at least 1s, got " + step);
        }
        if (maxSeries < 1 || threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException("need maxSeries >= 1 and 0 < threshold <= 1");
        }
    }

    /** The defaults at {@code step}: 4 h warm-up, 5,000 series, the detector's alarm level as threshold, episodes of at most 2 h. */
    public static MonitorSettings defaults(Duration step) {
        return new MonitorSettings(step, Duration.ofHours(4), 5_000, StreamingAnomalyDetector.DEFAULT.alarmLevel(), Duration.ofHours(2), Duration.ofHours(24), Duration.ofDays(7));
    }

    /** The step scans use: the live step, or the default one when the live monitor is off. */
    public long scanStepMillis() {
        return step.isZero() ? DEFAULT_STEP.toMillis() : step.toMillis();
    }

    public boolean live() {
        return !step.isZero();
    }
}
