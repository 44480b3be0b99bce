package dev.vigil.ingest.gelf;

/**
 * A GELF payload that Vigil refuses. {@link #reason()} is a short, stable code for metrics
 * ({@code missing_field}, {@code invalid_field}, {@code malformed_json}, {@code bad_compression},
 * {@code too_large}, {@code bad_chunk}, {@code too_many_chunks}); {@link #field()} names the GELF
 * field as clients spell it, or is {@code null} when the problem is not about one field.
 */
public final class GelfException extends IllegalArgumentException {
    private final String reason;
    private final String field;

    public GelfException(String reason, String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.reason = reason;
        this.field = field;
    }

    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
