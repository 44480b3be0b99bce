package dev.vigil.ingest;

/** Indexing is too far behind the journal: the client should slow down and retry shortly. */
public final class IndexBehindException extends RuntimeException {
    public IndexBehindException(long lag, long limit) {
        super("indexing is " + lag + " events behind (limit " + limit + "); retry shortly or send more slowly");
    }
}
