package dev.vigil.ingest.journal;

import java.io.Closeable;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The Chronicle Queue behind Vigil's journal. Owns the queue and its single {@link JournalWriter};
 * hands out {@link JournalReader}s. Records are {@code BatchCodec} payloads, one per accepted batch.
 * Thread-safe.
 */
public final class Journal implements Closeable {
    static {
        // Chronicle must never phone home; set before any of its classes initialise.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    private final SingleChronicleQueue queue;
    private final JournalWriter writer;
    private final JournalConfig config;

    private Journal(JournalConfig config) {
        this.config = config;
        this.queue = SingleChronicleQueueBuilder.binary(config.directory())
                .rollCycle(RollCycles.FAST_DAILY)
                .build();
        this.writer = new JournalWriter(queue, config);
    }

    public static Journal open(JournalConfig config) {
        return new Journal(config);
    }

    public JournalWriter writer() {
        return writer;
    }

    public JournalConfig config() {
        return config;
    }

    /** The index of the last record in the journal, or -1 when it is empty. */
    public long lastIndex() {
        long last = queue.lastIndex();
        return last < 0 || queue.firstIndex() == Long.MAX_VALUE ? -1 : last;
    }

    /** A new reader positioned at the start. Each reader must be used by one thread only. */
    public JournalReader newReader() {
        ExcerptTailer tailer = queue.createTailer();
        return new JournalReader(tailer);
    }

    @Override
    public void close() {
        writer.close();
        queue.close();
    }
}
