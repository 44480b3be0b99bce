package dev.vigil.api.probes;

import java.time.Instant;

/**
 * What is known about one probe now.
 *
 * @param probe               the definition
 * @param state               {@code up}, {@code down}, or {@code unknown} before the first check
 * @param since               when the state last changed (null while unknown)
 * @param lastCheck           the latest result, or null
 * @param lastSuccess         when a check last succeeded, or null
 * @param lastError           the latest failure's reason (kept after recovery), or null
 * @param consecutiveFailures failed checks in a row up to now
 */
public record ProbeStatus(ProbeDefinition probe, String state, Instant since, ProbeResult lastCheck, Instant lastSuccess,
                          String lastError, int consecutiveFailures) {

    static ProbeStatus unknown(ProbeDefinition probe) {
        return new ProbeStatus(probe, "unknown", null, null, null, null, 0);
    }

    /** This status after {@code result}. */
    ProbeStatus after(ProbeResult result) {
        String next = result.success() ? "up" : "down";
        return new ProbeStatus(probe, next, next.equals(state) ? since : result.at(), result,
                result.success() ? result.at() : lastSuccess, result.success() ? lastError : result.error(),
                result.success() ? 0 : consecutiveFailures + 1);
    }
}
