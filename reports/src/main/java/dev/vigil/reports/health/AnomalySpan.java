package dev.vigil.reports.health;

import java.time.Instant;

/**
 * When one service's signal was anomalous, for shading the charts.
 *
 * @param signal which chart it belongs to
 * @param to     end of the episode (exclusive)
 */
public record AnomalySpan(String service, Signal signal, Instant from, Instant to) {

    /** The charted signals; {@link #OTHER} for metrics and log patterns, which have no chart of their own. */
    public enum Signal { REQUEST_RATE, ERROR_RATE, P95_LATENCY, OTHER }

    public AnomalySpan {
        service = service == null ? "" : service;
        signal = signal == null ? Signal.OTHER : signal;
    }
}
