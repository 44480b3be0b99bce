package dev.vigil.ingest.otlp;

/** One item (log record, data point, span) is invalid; the rest of the request is still stored. */
final class ItemRejectedException extends RuntimeException {
    ItemRejectedException(String message) {
        super(message, null, false, false);
    }
}
