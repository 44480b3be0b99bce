package dev.vigil.ingest.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads journal records in order. NOT thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable {
    private final ExcerptTailer tailer;
    private byte[] buffer = new byte[64 * 1024];

    JournalReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /** Receives one record; {@code record} is only valid during the call. */
    @FunctionalInterface
    public interface RecordHandler {
        void accept(long index, byte[] record, int offset, int length);
    }

    /**
     * Positions the reader just after the record at {@code lastIndex}.
     *
     * @return false when that record is not in the journal (the caller decides how to recover)
     */
    public boolean resumeAfter(long lastIndex) {
        if (!tailer.moveToIndex(lastIndex)) {
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            return dc.isPresent();
        }
    }

    /**
     * Reads the next record, if there is one.
     *
     * @return false when the reader has reached the end of the journal for now
     */
    public boolean next(RecordHandler handler) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            long index = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            int length = (int) bytes.readRemaining();
            if (length > buffer.length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            bytes.read(buffer, 0, length);
            handler.accept(index, buffer, 0, length);
            return true;
        }
    }

    @Override
    public void close() {
        tailer.close();
    }
}
