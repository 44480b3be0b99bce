package dev.vigil.analytics.search;

/** A query the parser refuses; {@link #position()} is the 0-based character offset, or -1. */
public final class QuerySyntaxException extends IllegalArgumentException {
    private final int position;

    public QuerySyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
