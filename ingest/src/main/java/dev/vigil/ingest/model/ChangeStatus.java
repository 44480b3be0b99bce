package dev.vigil.ingest.model;

import java.util.Locale;

/** Where a change stands. */
public enum ChangeStatus {
    STARTED, IN_PROGRESS, SUCCEEDED, FAILED, ROLLED_BACK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeStatus parse(String text) {
        if (text == null || text.isBlank()) {
            return SUCCEEDED;
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        switch (normalized) {
            case "SUCCESS", "SUCCESSFUL", "DONE", "COMPLETED", "OK":
                return SUCCEEDED;
            case "FAILURE", "ERROR":
                return FAILED;
            case "RUNNING":
                return IN_PROGRESS;
            default:
                try {
                    return valueOf(normalized);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("status", "unknown status '" + text
                            + "'; use one of started, in_progress, succeeded, failed, rolled_back");
                }
        }
    }
}
