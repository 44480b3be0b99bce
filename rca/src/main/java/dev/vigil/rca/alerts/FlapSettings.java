package dev.vigil.rca.alerts;

import java.time.Duration;

/**
 * Flap detection with hysteresis, as Nagios and Icinga do it, counting changes into and out of
 * firing within a sliding window.
 *
 * @param window       the sliding window
 * @param startChanges an alert with at least this many changes in the window is flapping
 * @param stopChanges  a flapping alert with at most this many changes in the window is stable again
 */
public record FlapSettings(Duration window, int startChanges, int stopChanges) {
    public FlapSettings {
        if (stopChanges >= startChanges || stopChanges < 0) {
            throw new RuleValidationException("flapping.stop_changes", "must be at least 0 and less than start_changes");
        }
    }

    public static FlapSettings defaults() {
        return new FlapSettings(Duration.ofMinutes(30), 4, 1);
    }
}
