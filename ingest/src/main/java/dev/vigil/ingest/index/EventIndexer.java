package dev.vigil.ingest.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.codec.DecodedBatch;
import dev.vigil.ingest.journal.Journal;
import dev.vigil.ingest.journal.JournalReader;
import dev.vigil.ingest.metrics.MetricStore;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.MetricSample;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the journal into Lucene on one dedicated thread.
 *
 * <p>Each Lucene commit carries the index of the last journal record it covers
 * ({@value #COMMIT_JOURNAL_INDEX}); on open, the indexer resumes right after it, so a restart after
 * a crash neither duplicates nor skips an event. Metric heads are flushed into the index before
 * every commit for the same reason. New documents become searchable at the next near-real-time
 * refresh ({@link IndexConfig#refreshInterval()}).
 *
 * <p>Thread-safe: all mutation happens on the indexer thread; other threads read through
 * {@link #snapshot()} and wait through {@link #awaitSearchable(long)}.
 */
public final class EventIndexer implements Closeable {
    public static final String COMMIT_JOURNAL_INDEX = "vigil.journal.last_index";
    public static final String COMMIT_FORMAT = "vigil.index.format";
    private static final String INDEX_FORMAT = "1";
    private static final Logger LOG = LoggerFactory.getLogger(EventIndexer.class);
    private static final int RECORDS_PER_PASS = 512;
    /** Records with at least this many documents are indexed by two threads. */
    private static final int PARALLEL_MIN_EVENTS = 256;

    private final Journal journal;
    private final IndexConfig config;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final MetricStore metrics;
    private final DocumentEnricher enricher;
    private final DocumentMapper mapper;
    private final Thread thread;
    private final ExecutorService helper;
    private final long replayTarget;

    private final AtomicLong indexedEvents = new AtomicLong();
    private final AtomicLong indexedRecords = new AtomicLong();
    private final AtomicLong rejectedRecords = new AtomicLong();
    private final AtomicLong rejectedEvents = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong liveEvents = new AtomicLong();
    private final AtomicLong liveRecords = new AtomicLong();
    private volatile long liveVisibleRecords;
    private volatile long lastProcessedIndex;
    private volatile long lastVisibleIndex;
    private volatile long lastCommittedIndex;
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private volatile long chunkSeqAtRefresh;
    private volatile IOException failure;

    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();

    private record Waiter(long index, CompletableFuture<Void> done) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return Long.compare(index, other.index);
        }
    }

    public EventIndexer(Journal journal, IndexConfig config) {
        this(journal, config, DocumentEnricher.NONE);
    }

    public EventIndexer(Journal journal, IndexConfig config, DocumentEnricher enricher) {
        this.journal = journal;
        this.config = config;
        this.enricher = enricher;
        this.mapper = new DocumentMapper(enricher);
        try {
            this.directory = FSDirectory.open(config.directory());
            // One merge thread: on a small machine, merges compete with indexing for the same cores.
            ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
            merges.setMaxMergesAndThreads(4, 1);
            IndexWriterConfig writerConfig = new IndexWriterConfig(Analyzers.indexing())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(config.ramBufferMb())
                    .setMergeScheduler(merges)
                    .setCommitOnClose(false);
            this.writer = new IndexWriter(directory, writerConfig);
            this.metrics = new MetricStore(writer);
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                    return new VigilSearcher(reader, chunkSeqAtRefresh);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index at " + config.directory()
                    + " (is another Vigil using this data directory?)", e);
        }
        long resumeAfter = committedJournalIndex();
        this.lastCommittedIndex = resumeAfter;
        this.lastProcessedIndex = resumeAfter;
        this.lastVisibleIndex = resumeAfter;
        this.replayTarget = journal.lastIndex();
        this.caughtUp = replayTarget < 0 || replayTarget <= resumeAfter;
        this.helper = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "vigil-indexer-helper");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(() -> run(resumeAfter), "vigil-indexer");
        this.thread.setDaemon(true);
        journal.writer().onAppend(() -> LockSupport.unpark(thread));
        this.thread.start();
    }

    private long committedJournalIndex() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return -1;
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            String value = data.get(COMMIT_JOURNAL_INDEX);
            return value == null ? -1 : Long.parseLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MetricStore metrics() {
        return metrics;
    }

    /** A point-in-time view of everything refreshed so far; the caller must close it. */
    public IndexSnapshot snapshot() {
        try {
            return new IndexSnapshot(searchers, (VigilSearcher) searchers.acquire());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Completes once the journal record at {@code journalIndex} is searchable. */
    public CompletableFuture<Void> awaitSearchable(long journalIndex) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (waiters) {
            if (journalIndex <= lastVisibleIndex) {
                done.complete(null);
            } else if (closed) {
                done.completeExceptionally(new IllegalStateException("indexer is closed"));
            } else {
                waiters.add(new Waiter(journalIndex, done));
            }
        }
        LockSupport.unpark(thread);
        return done;
    }

    /** True once everything that was in the journal at startup has been indexed and refreshed. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public long indexedEvents() {
        return indexedEvents.get();
    }

    public long indexedRecords() {
        return indexedRecords.get();
    }

    /** Events indexed that were appended after this start (replayed ones excluded). */
    public long liveIndexedEvents() {
        return liveEvents.get();
    }

    /** Records appended since this start that are not searchable yet. */
    public long unsearchableRecords() {
        return Math.max(0, journal.writer().appendedRecords() - liveVisibleRecords);
    }

    public long rejectedRecords() {
        return rejectedRecords.get();
    }

    public long refreshes() {
        return refreshes.get();
    }

    public long commits() {
        return commits.get();
    }

    public long lastVisibleIndex() {
        return lastVisibleIndex;
    }

    /** The failure that stopped the indexer, or null while it is healthy. */
    public IOException failure() {
        return failure;
    }

    private void run(long resumeAfter) {
        try (JournalReader reader = journal.newReader()) {
            if (resumeAfter >= 0 && !reader.resumeAfter(resumeAfter)) {
                LOG.warn("journal record {} named by the last index commit is gone; indexing the journal from its start", resumeAfter);
            }
            long refreshEvery = config.refreshInterval().toNanos();
            long commitEvery = config.commitInterval().toNanos();
            long lastRefresh = System.nanoTime();
            long lastCommit = System.nanoTime();
            JournalReader.RecordHandler handler = this::indexRecord;
            while (!closed) {
                int read = 0;
                // A pass ends when a refresh is due, so a backlog never delays visibility of what
                // is already indexed.
                while (read < RECORDS_PER_PASS && reader.next(handler)) {
                    read++;
                    if (System.nanoTime() - lastRefresh >= refreshEvery) {
                        break;
                    }
                }
                long now = System.nanoTime();
                boolean pending = lastProcessedIndex > lastVisibleIndex;
                if (pending && now - lastRefresh >= refreshEvery) {
                    refresh();
                    lastRefresh = now;
                }
                if (lastProcessedIndex > lastCommittedIndex && now - lastCommit >= commitEvery) {
                    commit();
                    lastCommit = now;
                }
                if (read == 0) {
                    long untilRefresh = pending ? Math.max(0, refreshEvery - (now - lastRefresh)) : TimeUnit.MILLISECONDS.toNanos(100);
                    LockSupport.parkNanos(Math.max(TimeUnit.MICROSECONDS.toNanos(200), Math.min(untilRefresh, TimeUnit.MILLISECONDS.toNanos(100))));
                }
            }
            if (lastProcessedIndex > lastCommittedIndex) {
                commit();
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            LOG.error("indexer stopped: {}", e.toString(), e);
            failWaiters(e);
        }
    }

    private void indexRecord(long index, byte[] record, int offset, int length) {
        DecodedBatch batch;
        try {
            batch = BatchCodec.decode(record, offset, length);
        } catch (RuntimeException e) {
            // A record this version cannot read: skip it rather than stop indexing everything else.
            rejectedRecords.incrementAndGet();
            LOG.error("skipping journal record {}: {}", index, e.getMessage());
            lastProcessedIndex = index;
            return;
        }
        List<Event> events = batch.events();
        try {
            if (batch.kind() == EventKind.METRIC) {
                for (Event event : events) {
                    try {
                        metrics.append((MetricSample) event);
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        // One sample the store cannot take must not stop indexing everything else.
                        rejectedEvents.incrementAndGet();
                        LOG.warn("metric sample in journal record {} not stored: {}", index, e.getMessage());
                    }
                }
            } else if (events.size() >= PARALLEL_MIN_EVENTS) {
                // Building and adding documents is the ingest path's bottleneck; IndexWriter takes
                // documents from several threads, so a large record is split with the helper.
                int half = events.size() / 2;
                CompletableFuture<Void> second = CompletableFuture.runAsync(
                        () -> addDocuments(index, events.subList(half, events.size())), helper);
                addDocuments(index, events.subList(0, half));
                second.join();
            } else {
                addDocuments(index, events);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        indexedEvents.addAndGet(batch.events().size());
        indexedRecords.incrementAndGet();
        if (index > replayTarget) {
            liveEvents.addAndGet(batch.events().size());
            liveRecords.incrementAndGet();
        }
        lastProcessedIndex = index;
    }

    private void addDocuments(long index, List<Event> events) {
        for (Event event : events) {
            try {
                writer.addDocument(mapper.toDocument(event));
            } catch (IllegalArgumentException e) {
                rejectedEvents.incrementAndGet();
                LOG.warn("event in journal record {} not indexable: {}", index, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void refresh() throws IOException {
        long processed = lastProcessedIndex;
        long processedLive = liveRecords.get();
        chunkSeqAtRefresh = metrics.lastChunkSeq();
        searchers.maybeRefreshBlocking();
        metrics.afterRefresh(chunkSeqAtRefresh);
        refreshes.incrementAndGet();
        liveVisibleRecords = processedLive;
        synchronized (waiters) {
            lastVisibleIndex = processed;
            while (!waiters.isEmpty() && waiters.peek().index() <= processed) {
                waiters.poll().done().complete(null);
            }
        }
        if (!caughtUp && processed >= replayTarget) {
            caughtUp = true;
            LOG.info("journal replay caught up at record {}", processed);
        }
    }

    private void commit() throws IOException {
        enricher.beforeCommit();
        metrics.flushAll();
        long processed = lastProcessedIndex;
        Map<String, String> data = new HashMap<>();
        data.put(COMMIT_JOURNAL_INDEX, Long.toString(processed));
        data.put(COMMIT_FORMAT, INDEX_FORMAT);
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        lastCommittedIndex = processed;
        commits.incrementAndGet();
        refresh();
    }

    private void failWaiters(Throwable cause) {
        synchronized (waiters) {
            while (!waiters.isEmpty()) {
                waiters.poll().done().completeExceptionally(cause);
            }
        }
    }

    /** Indexes whatever the journal holds now and makes it searchable; for tests and shutdown. */
    public void flush(long journalIndex) {
        awaitSearchable(journalIndex).join();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failWaiters(new IllegalStateException("indexer is closed"));
        helper.shutdown();
        searchers.close();
        writer.close();
        directory.close();
    }
}
