package dev.vigil.analytics.slo;

import java.time.Duration;
import java.util.List;

/**
 * When burn-rate alerts fire and clear.
 *
 * <p>An inactive row becomes active when both of its windows burn at or above the threshold. An
 * active row stays active until either window burns below {@code threshold × hysteresis}: a
 * steady burn near the threshold then keeps one state instead of toggling with every counted
 * request, while a stop in burning still clears the row as soon as the short window drains.
 *
 * @param rules      the rows, evaluated independently
 * @param hysteresis fraction of the threshold below which an active row clears, in (0, 1]; 1 turns
 *                   hysteresis off
 */
public record BurnRatePolicy(List<BurnRateRule> rules, double hysteresis) {
    public static final double DEFAULT_HYSTERESIS = 0.9;

    /** The windows every SLO reports burn rates for, whatever its policy. */
    public static final List<Duration> STANDARD_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(3));

    public BurnRatePolicy {
        rules = List.copyOf(rules);
        if (!(hysteresis > 0 && hysteresis <= 1)) {
            throw new IllegalArgumentException("hysteresis must be in (0, 1], got " + hysteresis);
        }
    }

    /**
     * The multi-window, multi-burn-rate policy of the SRE workbook for a 30-day SLO: page at 14.4×
     * over 1h and 5m (2% of the budget in an hour), page at 6× over 6h and 30m (5% in six hours),
     * ticket at 1× over 3d and 6h (10% in three days).
     */
    public static BurnRatePolicy standard() {
        return new BurnRatePolicy(List.of(
                new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
                new BurnRateRule(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
                new BurnRateRule(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1)), DEFAULT_HYSTERESIS);
    }

    /** The longest window any rule looks at. */
    public Duration longestWindow() {
        Duration longest = Duration.ZERO;
        for (BurnRateRule rule : rules) {
            if (rule.longWindow().compareTo(longest) > 0) {
                longest = rule.longWindow();
            }
        }
        return longest;
    }
}
