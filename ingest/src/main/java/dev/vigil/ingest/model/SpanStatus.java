package dev.vigil.ingest.model;

import java.util.Locale;

/** Outcome of a span, as in OpenTelemetry. */
public enum SpanStatus {
    UNSET, OK, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SpanStatus parse(String text) {
        if (text == null || text.isBlank()) {
            return UNSET;
        }
        switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "UNSET", "STATUS_CODE_UNSET":
                return UNSET;
            case "OK", "STATUS_CODE_OK":
                return OK;
            case "ERROR", "STATUS_CODE_ERROR":
                return ERROR;
            default:
                throw new InvalidFieldException("status", "unknown span status '" + text + "'; use unset, ok or error");
        }
    }
}
