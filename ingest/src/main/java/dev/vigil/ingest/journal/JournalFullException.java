package dev.vigil.ingest.journal;

/** The writer has more pending batches than it may queue: the client should retry later. */
public final class JournalFullException extends RuntimeException {
    public JournalFullException(int pending) {
        super("journal writer has " + pending + " batches pending; retry shortly");
    }
}
