package dev.vigil.rca.alerts;

import java.util.Locale;

/** Where an alert is in its lifecycle, as Prometheus names it. */
public enum AlertState {
    /** The condition does not hold (or no longer holds and the resolution was notified). */
    INACTIVE,
    /** The condition holds, but not yet for the rule's {@code for} duration. */
    PENDING,
    /** The condition has held for at least {@code for}. */
    FIRING,
    /** It was firing and the condition stopped holding. */
    RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted states */
    public static AlertState parse(String text) {
        for (AlertState state : values()) {
            if (state.label().equalsIgnoreCase(text.trim())) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown state '" + text + "'; use inactive, pending, firing or resolved");
    }
}
