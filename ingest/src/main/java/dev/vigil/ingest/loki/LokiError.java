package dev.vigil.ingest.loki;

import java.util.Objects;

/**
 * One reason why a Loki push was refused, precise enough for a client to find the entry.
 *
 * @param stream  0-based index of the stream in the request, or -1 when the request as a whole is
 *                bad (not snappy, malformed JSON before the first stream, ...)
 * @param entry   0-based index of the entry within its stream, or -1 when the problem is the
 *                stream itself (its labels) or the request
 * @param field   what is wrong as Loki names it ({@code timestamp}, {@code line}, {@code labels},
 *                {@code structuredMetadata.trace_id}, {@code body}, ...); never {@code null}
 * @param message what is wrong, short, never echoing the whole body
 */
public record LokiError(int stream, int entry, String field, String message) {
    public LokiError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code stream 1, entry 4, field 'timestamp': ...}, the form error responses use. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (stream >= 0) {
            out.append("stream ").append(stream);
            if (entry >= 0) {
                out.append(", entry ").append(entry);
            }
            out.append(", ");
        }
        return out.append("field '").append(field).append("': ").append(message).toString();
    }
}
