package dev.vigil.ingest.elasticsearch;

/**
 * A bulk request that cannot be read as a whole (Elasticsearch answers these with a top-level
 * {@code 400} and stores nothing): missing final newline, a malformed or unknown action line, an
 * action without its source line, a missing index.
 */
public final class BulkFormatException extends RuntimeException {
    private final String type;

    public BulkFormatException(String type, String reason) {
        super(reason);
        this.type = type;
    }

    /** The Elasticsearch error type, e.g. {@code illegal_argument_exception}. */
    public String type() {
        return type;
    }

    public String reason() {
        return getMessage();
    }
}
