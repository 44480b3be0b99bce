package dev.vigil.ingest.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that appends to the journal. Callers hand it encoded records from any thread;
 * it appends them in arrival order, grouping whatever has queued up into one pass (and one fsync
 * under {@link Durability#FSYNC_BATCH}), and completes each future with the record's journal index
 * only once the append has returned. Thread-safe.
 */
public final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final int MAX_GROUP = 256;

    private final SingleChronicleQueue queue;
    private final JournalConfig config;
    private final BlockingQueue<Pending> pending;
    private final Thread thread;
    private final AtomicLong appendedRecords = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final List<Runnable> appendListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private record Pending(byte[] record, CompletableFuture<Long> done) {
    }

    JournalWriter(SingleChronicleQueue queue, JournalConfig config) {
        this.queue = queue;
        this.config = config;
        this.pending = new ArrayBlockingQueue<>(config.maxPending());
        this.thread = new Thread(this::run, "vigil-journal-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues one encoded record for appending.
     *
     * @return completes with the record's journal index once it is in the journal (and flushed, if
     *         the durability setting says so); fails with {@link JournalFullException} when the
     *         writer is saturated and with {@link IllegalStateException} once closed
     */
    public CompletableFuture<Long> append(byte[] record) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("journal is closed"));
        } else if (!pending.offer(new Pending(record, done))) {
            done.completeExceptionally(new JournalFullException(pending.size()));
        }
        return done;
    }

    /** Runs after every group of appends, on the writer thread; must be quick (e.g. an unpark). */
    public void onAppend(Runnable listener) {
        appendListeners.add(listener);
    }

    public long appendedRecords() {
        return appendedRecords.get();
    }

    public long appendedBytes() {
        return appendedBytes.get();
    }

    public int pendingBatches() {
        return pending.size();
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        Bytes<?> buffer = Bytes.allocateElasticDirect(64 * 1024);
        long lastSync = System.nanoTime();
        long syncEvery = config.fsyncInterval().toNanos();
        try (ExcerptAppender appender = queue.createAppender()) {
            while (!closed || !pending.isEmpty()) {
                Pending first = pending.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (config.durability() == Durability.FSYNC_PERIODIC && System.nanoTime() - lastSync > syncEvery) {
                        appender.sync();
                        lastSync = System.nanoTime();
                    }
                    continue;
                }
                group.add(first);
                pending.drainTo(group, MAX_GROUP - 1);
                long[] indexes = new long[group.size()];
                Throwable failure = null;
                try {
                    for (int i = 0; i < group.size(); i++) {
                        byte[] record = group.get(i).record();
                        buffer.clear();
                        buffer.write(record);
                        appender.writeBytes(buffer);
                        indexes[i] = appender.lastIndexAppended();
                        appendedBytes.addAndGet(record.length);
                    }
                    if (config.durability() == Durability.FSYNC_BATCH
                            || (config.durability() == Durability.FSYNC_PERIODIC && System.nanoTime() - lastSync > syncEvery)) {
                        appender.sync();
                        lastSync = System.nanoTime();
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    LOG.error("journal append failed", e);
                }
                for (int i = 0; i < group.size(); i++) {
                    CompletableFuture<Long> done = group.get(i).done();
                    if (failure == null) {
                        appendedRecords.incrementAndGet();
                        done.complete(indexes[i]);
                    } else {
                        done.completeExceptionally(failure);
                    }
                }
                group.clear();
                for (Runnable listener : appendListeners) {
                    listener.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            buffer.releaseLast();
            Pending left;
            while ((left = pending.poll()) != null) {
                left.done().completeExceptionally(new IllegalStateException("journal is closed"));
            }
        }
    }

    /** Appends what is already queued, then stops the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
