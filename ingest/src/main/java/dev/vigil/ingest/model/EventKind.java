package dev.vigil.ingest.model;

import java.util.Locale;

/** The closed set of event kinds; {@link #code()} is persisted in the journal and must never change. */
public enum EventKind {
    LOG(1), METRIC(2), CHANGE(3), SPAN(4);

    private final int code;

    EventKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EventKind fromCode(int code) {
        for (EventKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown event kind code " + code);
    }

    /** The lower-case name used in URLs, documents and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
