package dev.vigil.ingest.model;

/**
 * A value that the event model refuses. {@link #field()} names the field as clients spell it in
 * JSON, so that an HTTP error can point at it.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The reason without the field name. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
