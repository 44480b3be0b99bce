package dev.vigil.ingest.loki;

/** The decompressed body of a push would exceed the body limit; answer 413, never retry. */
public final class LokiBodyTooLargeException extends RuntimeException {
    private final long size;
    private final long limit;

    public LokiBodyTooLargeException(long size, long limit) {
        super("snappy body decompresses to " + size + " bytes, more than the body limit of " + limit
                + " bytes (setting body-limit); send smaller batches");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
