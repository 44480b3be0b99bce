package dev.vigil.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.DocumentEnricher;
import dev.vigil.ingest.index.EventIndexer;
import dev.vigil.ingest.index.IndexConfig;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.journal.Journal;
import dev.vigil.ingest.journal.JournalConfig;
import dev.vigil.ingest.metrics.MetricStore;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;

/**
 * Ingest end to end: validated events in, journal append, acknowledgement, indexing. Opens the
 * journal, then the indexer (which replays whatever the last index commit does not cover), and
 * closes them in reverse. Thread-safe.
 *
 * <pre>{@code
 * try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir))) {
 *     long index = pipeline.append(EventKind.LOG, events).join();   // acknowledged: in the journal
 *     pipeline.awaitSearchable(index).join();                       // and now searchable
 * }
 * }</pre>
 */
public final class EventPipeline implements Closeable {
    private final Journal journal;
    private final EventIndexer indexer;
    private final Map<EventKind, AtomicLong> accepted = new EnumMap<>(EventKind.class);
    private final long maxIndexLag;
    private final DiskSpaceGuard disk;

    private EventPipeline(Journal journal, EventIndexer indexer, long maxIndexLag, DiskSpaceGuard disk) {
        this.journal = journal;
        this.indexer = indexer;
        this.maxIndexLag = maxIndexLag;
        this.disk = disk;
        for (EventKind kind : EventKind.values()) {
            accepted.put(kind, new AtomicLong());
        }
    }

    public static EventPipeline open(PipelineConfig config) throws IOException {
        return open(config, DocumentEnricher.NONE);
    }

    /** Opens with fields derived at index time (see {@link DocumentEnricher}). */
    public static EventPipeline open(PipelineConfig config, DocumentEnricher enricher) throws IOException {
        Files.createDirectories(config.journal().directory());
        Files.createDirectories(config.index().directory());
        DiskSpaceGuard disk = DiskSpaceGuard.forDirectory(config.journal().directory(), config.minFreeDisk());
        Journal journal = Journal.open(config.journal());
        try {
            return new EventPipeline(journal, new EventIndexer(journal, config.index(), enricher), config.maxIndexLag(), disk);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /**
     * Appends one batch of events of one kind as one journal record. The batch must be validated
     * already (the event records validate themselves on construction).
     *
     * @return completes with the journal index once the batch is durable per the journal's
     *         durability setting: only then may the client be acknowledged
     * @throws IndexBehindException when indexing lags too far behind to take more now
     * @throws DiskSpaceLowException when the journal's disk has less usable space than the floor
     */
    public CompletableFuture<Long> append(EventKind kind, List<? extends Event> events) {
        disk.check();
        long lag = indexLag();
        if (lag > maxIndexLag) {
            throw new IndexBehindException(lag, maxIndexLag);
        }
        byte[] record = BatchCodec.encode(kind, events);
        return journal.writer().append(record).thenApply(index -> {
            accepted.get(kind).addAndGet(events.size());
            return index;
        });
    }

    /** Completes once the journal record at {@code journalIndex} is searchable. */
    public CompletableFuture<Void> awaitSearchable(long journalIndex) {
        return indexer.awaitSearchable(journalIndex);
    }

    public IndexSnapshot snapshot() {
        return indexer.snapshot();
    }

    public MetricStore metrics() {
        return indexer.metrics();
    }

    public EventIndexer indexer() {
        return indexer;
    }

    public Journal journal() {
        return journal;
    }

    /** The guard that refuses appends when the journal's disk runs low; cheap to ask. */
    public DiskSpaceGuard disk() {
        return disk;
    }

    /**
     * True once the journal replay after startup has caught up, while the indexer works and while
     * the disk has room ({@link #notReadyReason()} says which is missing).
     */
    public boolean ready() {
        return notReadyReason() == null;
    }

    /** Why {@link #ready()} is false, or {@code null} when it is true. */
    public String notReadyReason() {
        if (indexer.failure() != null) {
            return "indexing failed: " + indexer.failure();
        }
        if (!indexer.caughtUp()) {
            return "replaying the journal";
        }
        return disk.problem();
    }

    /** Events acknowledged since start that the indexer has not processed yet. */
    public long indexLag() {
        return Math.max(0, acceptedEvents() - indexer.liveIndexedEvents());
    }

    public long acceptedEvents(EventKind kind) {
        return accepted.get(kind).get();
    }

    public long acceptedEvents() {
        long total = 0;
        for (AtomicLong count : accepted.values()) {
            total += count.get();
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        try {
            journal.writer().close();
            indexer.close();
        } finally {
            journal.close();
        }
    }
}
