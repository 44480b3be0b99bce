package dev.vigil.ingest.codec;

import java.util.Objects;

/**
 * One reason why an item of a request body was refused, precise enough for a client to fix it.
 *
 * <p>Immutable and therefore safe to share between threads.
 *
 * @param line    the 1-based line of the request body on which the refused item starts; must be
 *                at least 1
 * @param field   the field as the client spelled it ({@code "timestamp"}, {@code "labels.le"},
 *                {@code "value"}), or {@code null} when the whole line is bad (malformed JSON, not
 *                an object, unparseable sample line)
 * @param message what is wrong, short and without stack traces or echoes of the whole body; must
 *                not be {@code null}
 */
public record LineError(int line, String field, String message) {

    public LineError {
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
        Objects.requireNonNull(message, "message");
    }

    /** Renders as {@code line 3: value: must be a number}, the form error responses and logs use. */
    @Override
    public String toString() {
        return "line " + line + ": " + (field == null ? "" : field + ": ") + message;
    }
}
