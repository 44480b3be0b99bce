package dev.vigil.rca.alerts;

import java.util.Locale;

/** The kinds of alert rule. */
public enum RuleType {
    /** A metric query or an endpoint statistic over a window compared with a value. */
    THRESHOLD,
    /** Anomaly episodes of the live monitor, at least a score, optionally of one service. */
    ANOMALY,
    /** No events or samples for a service or a metric for a duration. */
    ABSENCE,
    /** A new or surging log template, or a search whose count over a window crosses a value. */
    LOG_PATTERN,
    /** An SLO's multi-window burn-rate alert. */
    BURN_RATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuleType parse(String text) {
        for (RuleType type : values()) {
            if (type.label().equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown type '" + text + "'; use threshold, anomaly, absence, log_pattern or burn_rate");
    }
}
