package dev.vigil.analytics.slo;

import java.util.Locale;

/** How urgently a burn-rate alert wants a human: {@code page} now, or a {@code ticket} for working hours. */
public enum Severity {
    PAGE, TICKET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a severity; use page or ticket");
    }
}
