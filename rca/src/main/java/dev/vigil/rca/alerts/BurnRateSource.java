package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;

/**
 * Where burn-rate rules read SLO burn rates from: one state per SLO and burn-rate policy row
 * (e.g. page at 14.4x over 1h and 5m). Implementations must be thread-safe; they are called on a
 * worker thread at each evaluation.
 */
@FunctionalInterface
public interface BurnRateSource {
    /** No SLOs: burn-rate rules never fire. */
    BurnRateSource NONE = now -> List.of();

    List<BurnRateState> evaluate(Instant now);

    /**
     * One policy row of one SLO at an evaluation.
     *
     * @param sloId       the SLO
     * @param service     the service it covers, or null when the SLO has none
     * @param severity    {@code page} or {@code ticket}
     * @param longWindow  e.g. {@code 1h}
     * @param shortWindow e.g. {@code 5m}
     * @param burnLong    burn rate over the long window
     * @param burnShort   burn rate over the short window
     * @param threshold   the burn rate both must reach
     * @param active      both windows at or above the threshold
     */
    record BurnRateState(String sloId, String service, String severity, java.time.Duration longWindow,
                         java.time.Duration shortWindow, double burnLong, double burnShort, double threshold, boolean active) {
    }
}
