package dev.vigil.api.probes;

import java.time.Instant;

/**
 * The outcome of one check.
 *
 * @param probe           the probe's name
 * @param at              when the check started
 * @param success         whether the target counted as up
 * @param durationSeconds how long the check took (to the answer, the failure or the timeout)
 * @param httpStatus      the HTTP status received, or 0 (tcp, or no answer)
 * @param error           why it failed, or null
 */
public record ProbeResult(String probe, Instant at, boolean success, double durationSeconds, int httpStatus, String error) {
}
