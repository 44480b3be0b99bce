package dev.vigil.rca.incidents;

import java.util.Locale;

/** Where an incident stands; the labels are part of the HTTP contract and of the stored files. */
public enum IncidentStatus {
    OPEN, RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming {@code field} when {@code text} is no status
     */
    public static IncidentStatus parse(String field, String text) {
        for (IncidentStatus status : values()) {
            if (status.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException("'" + field + "' must be open or resolved, got '" + text + "'");
    }
}
