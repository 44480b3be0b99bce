package dev.vigil.ingest.model;

import java.util.Locale;

/** What kind of change was made to a running system. */
public enum ChangeType {
    DEPLOY, ROLLBACK, MIGRATION, CONFIG_CHANGE, FEATURE_FLAG, SCALE, INFRASTRUCTURE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code config_change}, {@code config-change} and {@code Config Change} alike. */
    public static ChangeType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("type", "is required; use one of " + choices());
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (normalized.equals("CONFIG")) {
            return CONFIG_CHANGE;
        }
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("type", "unknown change type '" + text + "'; use one of " + choices());
        }
    }

    private static String choices() {
        StringBuilder out = new StringBuilder();
        for (ChangeType type : values()) {
            out.append(out.isEmpty() ? "" : ", ").append(type.label());
        }
        return out.toString();
    }
}
