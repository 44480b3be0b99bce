package dev.vigil.analytics.slo;

import java.time.Duration;

/**
 * One row of a burn-rate policy: alert with {@code severity} when the error budget burns at least
 * {@code threshold} times the sustainable rate over the long window and over the short window.
 * The long window makes the alert significant (enough budget spent); the short one makes it
 * current, so the alert clears soon after the burning stops.
 *
 * @param severity    page or ticket
 * @param longWindow  e.g. 1h
 * @param shortWindow e.g. 5m; must be shorter than the long window
 * @param threshold   burn rate, e.g. 14.4 (1 = the budget lasts exactly the SLO window)
 */
public record BurnRateRule(Severity severity, Duration longWindow, Duration shortWindow, double threshold) {
    public BurnRateRule {
        if (shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException("short window " + SloDurations.format(shortWindow)
                    + " must be shorter than the long window " + SloDurations.format(longWindow));
        }
        if (shortWindow.toMinutes() < 1) {
            throw new IllegalArgumentException("windows are counted in whole minutes: the short window must be at least 1m");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("burn threshold must be a positive number, got " + threshold);
        }
    }
}
