package dev.vigil.ingest.model;

import java.util.Locale;

/** Log severity, ordered from least to most severe. */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** True for the levels that count as errors in error rates. */
    public boolean isError() {
        return this == ERROR || this == FATAL;
    }

    /**
     * Parses the spellings shippers use (syslog names, Java and Python loggers), case-insensitively.
     *
     * @throws InvalidFieldException naming {@code level} when nothing matches
     */
    public static Level parse(String text) {
        if (text == null || text.isBlank()) {
            return INFO;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "trace", "finest", "finer":
                return TRACE;
            case "debug", "fine", "dbg", "verbose":
                return DEBUG;
            case "info", "information", "informational", "notice", "config", "inf":
                return INFO;
            case "warn", "warning", "wrn":
                return WARN;
            case "error", "err", "severe", "fail", "failure":
                return ERROR;
            case "fatal", "critical", "crit", "alert", "emerg", "emergency", "panic":
                return FATAL;
            default:
                throw new InvalidFieldException("level",
                        "unknown level '" + text + "'; use one of trace, debug, info, warn, error, fatal");
        }
    }
}
