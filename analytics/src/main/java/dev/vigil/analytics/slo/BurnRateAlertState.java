package dev.vigil.analytics.slo;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of an SLO's burn-rate policy as evaluated at one instant.
 *
 * @param sloId       the SLO's id
 * @param sloName     the SLO's name
 * @param service     the SLO's service (null for a metric SLO without one)
 * @param severity    page or ticket
 * @param longWindow  the row's long window
 * @param shortWindow the row's short window
 * @param burnLong    burn rate over the long window
 * @param burnShort   burn rate over the short window
 * @param threshold   the row's burn-rate threshold
 * @param active      whether the row fires (both windows at or above the threshold, held until
 *                    either falls below threshold × hysteresis)
 * @param activeSince when the row became active, or null when inactive
 * @param evaluatedAt the evaluation time
 */
public record BurnRateAlertState(String sloId, String sloName, String service, Severity severity, Duration longWindow,
                                 Duration shortWindow, double burnLong, double burnShort, double threshold, boolean active,
                                 Instant activeSince, Instant evaluatedAt) {

    /** Identifies the row across evaluations, e.g. {@code checkout-availability/page/1h/5m}. */
    public String key() {
        return key(sloId, severity, longWindow, shortWindow);
    }

    static String key(String sloId, Severity severity, Duration longWindow, Duration shortWindow) {
        return sloId + "/" + severity.label() + "/" + SloDurations.format(longWindow) + "/" + SloDurations.format(shortWindow);
    }
}
