package dev.vigil.analytics.anomaly.monitor;

import java.util.Locale;

/** What a monitored series measures; decides its unit and which direction of change matters. */
public enum SignalKind {
    /** A stored metric series (counters as per-second rates, gauges as step averages). */
    METRIC("", false),
    /** Requests per second of a service or endpoint, from access logs. */
    REQUEST_RATE("1/s", false),
    /** Share of requests answered with HTTP 5xx. */
    ERROR_RATE("ratio", true),
    /** 95th percentile request latency. */
    LATENCY_P95("ms", true),
    /** Log lines per second of a service. */
    LOG_RATE("1/s", false),
    /** Log lines per second of one log template. */
    TEMPLATE_RATE("1/s", true);

    private final String unit;
    private final boolean upOnly;

    SignalKind(String unit, boolean upOnly) {
        this.unit = unit;
        this.upOnly = upOnly;
    }

    /** The unit of the series' values ({@code ""} for metrics, whose unit is in their name). */
    public String unit() {
        return unit;
    }

    /** True when only increases are anomalies: fewer errors or faster answers are good news. */
    public boolean upOnly() {
        return upOnly;
    }

    /** True when a step with no data means zero (counts), not "unknown". */
    boolean countsEvents() {
        return this == REQUEST_RATE || this == LOG_RATE || this == TEMPLATE_RATE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}; the message lists the valid ones. */
    public static SignalKind parse(String text) {
        for (SignalKind kind : values()) {
            if (kind.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + text
                + "'; use metric, request_rate, error_rate, latency_p95, log_rate or template_rate");
    }
}
