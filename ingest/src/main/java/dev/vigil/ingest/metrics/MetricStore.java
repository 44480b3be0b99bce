package dev.vigil.ingest.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.metrics.chunk.Chunk;
import dev.vigil.ingest.metrics.chunk.ChunkEncoder;
import dev.vigil.ingest.metrics.chunk.ChunkIterator;
import dev.vigil.ingest.model.MetricSample;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;

/**
 * Series heads in memory, finished chunks in Lucene.
 *
 * <p>Writes ({@link #append}, {@link #flushAll}, {@link #afterRefresh}) must come from the single
 * indexer thread. Reads ({@link #select}, {@link #seriesCount}) are thread-safe and see every
 * sample exactly once: samples still in a head come from memory, chunks flushed since the
 * snapshot's searcher was opened come from a short list of recent chunks, the rest from Lucene.
 */
public final class MetricStore {
    /** Samples per chunk before it is sealed, as in Prometheus. */
    public static final int CHUNK_SAMPLES = 120;

    private final IndexWriter writer;
    private final Map<String, Head> heads = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SealedChunk> recent = new ConcurrentLinkedQueue<>();
    private final AtomicLong chunkSeq = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong chunkBytes = new AtomicLong();
    private final AtomicLong sealedSamples = new AtomicLong();
    private final AtomicLong duplicateSamples = new AtomicLong();
    /**
     * Sealing moves a chunk from a head to the recent list; readers must see one or the other.
     * Lock order, everywhere: this lock, then a head's monitor.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock sealLock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private long previousRefreshSeq;

    private static final class Head {
        final String name;
        final Map<String, String> labels;
        final ChunkEncoder encoder = new ChunkEncoder();
        /** Timestamp of the series' last appended sample, kept across seals; only the indexer thread touches it. */
        long lastMillis = Long.MIN_VALUE;

        Head(String name, Map<String, String> labels) {
            this.name = name;
            this.labels = labels;
        }
    }

    private record SealedChunk(long seq, String key, String name, Map<String, String> labels, byte[] bytes) {
    }

    public MetricStore(IndexWriter writer) {
        this.writer = writer;
    }

    /** The sequence number the next sealed chunk will get minus one: everything sealed so far. */
    public long lastChunkSeq() {
        return chunkSeq.get();
    }

    /** Adds one sample to its series head; seals the head into Lucene when it is full. */
    public void append(MetricSample sample) throws IOException {
        String key = SeriesKey.of(sample.name(), sample.labels());
        Head head = heads.computeIfAbsent(key, k -> new Head(sample.name(), sample.labels()));
        long millis = sample.timestampMillis();
        if (millis == head.lastMillis) {
            // A repeat of the series' last timestamp: a shipper retrying a request that was
            // already stored (Prometheus does), or two values for one instant. Prometheus keeps the
            // first; so does Vigil, and counts the rest.
            duplicateSamples.incrementAndGet();
            return;
        }
        head.lastMillis = millis;
        // Only this (the indexer) thread changes heads, so it may read its own head unlocked to
        // decide whether this sample seals it. Locks are always taken seal lock first, then head,
        // the order readers use too.
        boolean outOfOrder = !head.encoder.isEmpty() && millis < head.encoder.lastTimestamp();
        boolean fills = head.encoder.count() + 1 >= CHUNK_SAMPLES;
        if (outOfOrder || fills) {
            sealLock.writeLock().lock();
            try {
                synchronized (head) {
                    if (outOfOrder) {
                        // Seal what we have and start a new chunk, so nothing is lost; chunks may
                        // overlap in time and reads merge them.
                        seal(key, head);
                    }
                    head.encoder.append(millis, sample.value());
                    if (head.encoder.count() >= CHUNK_SAMPLES) {
                        seal(key, head);
                    }
                }
            } finally {
                sealLock.writeLock().unlock();
            }
        } else {
            synchronized (head) {
                head.encoder.append(millis, sample.value());
            }
        }
        samples.incrementAndGet();
    }

    /** Seals every non-empty head; called before each Lucene commit so the commit covers them. */
    public void flushAll() throws IOException {
        sealLock.writeLock().lock();
        try {
            for (Map.Entry<String, Head> entry : heads.entrySet()) {
                Head head = entry.getValue();
                synchronized (head) {
                    if (!head.encoder.isEmpty()) {
                        seal(entry.getKey(), head);
                    }
                }
            }
        } finally {
            sealLock.writeLock().unlock();
        }
    }

    /**
     * Drops recent chunks that searchers now hold. Pruning lags one refresh behind, so a reader
     * that acquired the previous searcher just before this refresh still finds its chunks here.
     */
    public void afterRefresh(long visibleSeq) {
        long prune = previousRefreshSeq;
        recent.removeIf(chunk -> chunk.seq() <= prune);
        previousRefreshSeq = visibleSeq;
    }

    /** Moves a head's samples into a Lucene document; the caller holds the seal lock and the head. */
    private void seal(String key, Head head) throws IOException {
        byte[] bytes = head.encoder.toBytes();
        long seq = chunkSeq.incrementAndGet();
        Document doc = new Document();
        doc.add(new StringField(IndexFields.KIND, IndexFields.KIND_METRIC, Field.Store.NO));
        doc.add(new StringField(IndexFields.METRIC_NAME, head.name, Field.Store.YES));
        for (Map.Entry<String, String> label : head.labels.entrySet()) {
            doc.add(new StringField(IndexFields.labelField(label.getKey()), label.getValue(), Field.Store.YES));
        }
        doc.add(new StringField(IndexFields.SERIES, key, Field.Store.NO));
        long first = head.encoder.firstTimestamp() * 1_000_000L;
        long last = head.encoder.lastTimestamp() * 1_000_000L;
        doc.add(new LongPoint(IndexFields.TS, first));
        doc.add(new NumericDocValuesField(IndexFields.TS, first));
        doc.add(new LongPoint(IndexFields.TS_END, last));
        doc.add(new StoredField(IndexFields.CHUNK, bytes));
        doc.add(new StoredField(IndexFields.CHUNK_SEQ, seq));
        // Listed as recent before it can become visible, so no reader misses it.
        recent.add(new SealedChunk(seq, key, head.name, head.labels, bytes));
        writer.addDocument(doc);
        chunkBytes.addAndGet(bytes.length);
        sealedSamples.addAndGet(head.encoder.count());
        head.encoder.reset();
    }

    /**
     * The samples of every series named {@code name} (or every metric when null) whose labels
     * match all matchers, within {@code [fromNanos, toNanos]}.
     */
    public List<SeriesSamples> select(IndexSnapshot snapshot, String name, List<LabelMatcher> matchers,
                                      long fromNanos, long toNanos) {
        long fromMs = Math.floorDiv(fromNanos, 1_000_000L);
        long toMs = Math.floorDiv(toNanos, 1_000_000L);
        Map<String, Collector> bySeries = new TreeMap<>();
        long visible = snapshot.visibleChunkSeq();
        // Memory first, under the seal lock, so a chunk sealed meanwhile is seen exactly once.
        sealLock.readLock().lock();
        try {
            for (SealedChunk chunk : recent) {
                if (chunk.seq() > visible && selected(chunk.name(), chunk.labels(), name, matchers)) {
                    bySeries.computeIfAbsent(chunk.key(), k -> new Collector(chunk.name(), chunk.labels()))
                            .add(chunk.bytes(), fromMs, toMs);
                }
            }
            for (Map.Entry<String, Head> entry : heads.entrySet()) {
                Head head = entry.getValue();
                if (!selected(head.name, head.labels, name, matchers)) {
                    continue;
                }
                byte[] bytes;
                synchronized (head) {
                    bytes = head.encoder.isEmpty() ? null : head.encoder.toBytes();
                }
                if (bytes != null) {
                    bySeries.computeIfAbsent(entry.getKey(), k -> new Collector(head.name, head.labels)).add(bytes, fromMs, toMs);
                }
            }
        } finally {
            sealLock.readLock().unlock();
        }
        try {
            collectFromIndex(snapshot, name, matchers, fromNanos, toNanos, fromMs, toMs, bySeries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SeriesSamples> out = new ArrayList<>(bySeries.size());
        for (Collector collector : bySeries.values()) {
            if (collector.size > 0) {
                out.add(collector.toSeries());
            }
        }
        return out;
    }

    /** Distinct metric names with at least one series, sorted. */
    public List<String> metricNames(IndexSnapshot snapshot) {
        TreeSet<String> names = new TreeSet<>();
        for (Head head : heads.values()) {
            names.add(head.name);
        }
        for (SealedChunk chunk : recent) {
            names.add(chunk.name());
        }
        try {
            for (org.apache.lucene.index.LeafReaderContext leaf : snapshot.searcher().getIndexReader().leaves()) {
                org.apache.lucene.index.Terms terms = leaf.reader().terms(IndexFields.METRIC_NAME);
                if (terms == null) {
                    continue;
                }
                org.apache.lucene.index.TermsEnum it = terms.iterator();
                for (org.apache.lucene.util.BytesRef term = it.next(); term != null; term = it.next()) {
                    names.add(term.utf8ToString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(names);
    }

    public int seriesCount() {
        return heads.size();
    }

    /** Samples dropped because they repeated their series' last timestamp. */
    public long duplicateSamples() {
        return duplicateSamples.get();
    }

    public long samplesAppended() {
        return samples.get();
    }

    /** Encoded bytes per sample over all sealed chunks; the figure to compare with Prometheus. */
    public double bytesPerSample() {
        long sealed = sealedSamples.get();
        return sealed == 0 ? 0 : (double) chunkBytes.get() / sealed;
    }

    private void collectFromIndex(IndexSnapshot snapshot, String name, List<LabelMatcher> matchers, long fromNanos,
                                  long toNanos, long fromMs, long toMs, Map<String, Collector> bySeries) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_METRIC)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, Long.MIN_VALUE, toNanos), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS_END, fromNanos, Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        if (name != null) {
            query.add(new TermQuery(new Term(IndexFields.METRIC_NAME, name)), BooleanClause.Occur.FILTER);
        }
        for (LabelMatcher matcher : matchers) {
            // Only non-empty equality narrows in Lucene; every matcher is checked on the labels below.
            if (matcher.op() == LabelMatcher.Op.EQ && !matcher.value().isEmpty()) {
                query.add(new TermQuery(new Term(IndexFields.labelField(matcher.name()), matcher.value())),
                        BooleanClause.Occur.FILTER);
            }
        }
        IndexSearcher searcher = snapshot.searcher();
        // Every match in doc id order, collected as ids: a top-N search sized to maxDoc would
        // allocate a queue of maxDoc entries first, seconds on an index of millions of log lines.
        List<Integer> hits = new ArrayList<>();
        searcher.search(query.build(), new SimpleCollector() {
            private int docBase;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                docBase = context.docBase;
            }

            @Override
            public void collect(int doc) {
                hits.add(docBase + doc);
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        StoredFields stored = searcher.storedFields();
        for (int hit : hits) {
            Document doc = stored.document(hit);
            String metric = null;
            Map<String, String> labels = new TreeMap<>();
            byte[] bytes = null;
            for (IndexableField field : doc.getFields()) {
                String fieldName = field.name();
                if (fieldName.equals(IndexFields.METRIC_NAME)) {
                    metric = field.stringValue();
                } else if (fieldName.startsWith(IndexFields.LABEL_PREFIX)) {
                    labels.put(fieldName.substring(IndexFields.LABEL_PREFIX.length()), field.stringValue());
                } else if (fieldName.equals(IndexFields.CHUNK)) {
                    org.apache.lucene.util.BytesRef ref = field.binaryValue();
                    bytes = java.util.Arrays.copyOfRange(ref.bytes, ref.offset, ref.offset + ref.length);
                }
            }
            if (metric == null || bytes == null || !selected(metric, labels, name, matchers)) {
                continue;
            }
            Map<String, String> frozen = java.util.Collections.unmodifiableMap(labels);
            String key = SeriesKey.of(metric, frozen);
            String metricName = metric;
            bySeries.computeIfAbsent(key, k -> new Collector(metricName, frozen)).add(bytes, fromMs, toMs);
        }
    }

    private static boolean selected(String metric, Map<String, String> labels, String name, List<LabelMatcher> matchers) {
        if (name != null && !name.equals(metric)) {
            return false;
        }
        for (LabelMatcher matcher : matchers) {
            String actual = matcher.name().equals("__name__") ? metric : labels.get(matcher.name());
            if (!matcher.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    /** Gathers one series' samples from several chunks, then sorts them by time. */
    private static final class Collector {
        final String name;
        final Map<String, String> labels;
        long[] timestamps = new long[64];
        double[] values = new double[64];
        int size;
        boolean sorted = true;
        final ChunkIterator iterator = new ChunkIterator();

        Collector(String name, Map<String, String> labels) {
            this.name = name;
            this.labels = labels;
        }

        void add(byte[] chunk, long fromMs, long toMs) {
            if (Chunk.lastTimestamp(chunk) < fromMs || Chunk.firstTimestamp(chunk) > toMs) {
                return;
            }
            iterator.reset(chunk);
            while (iterator.next()) {
                long t = iterator.timestamp();
                if (t < fromMs) {
                    continue;
                }
                if (t > toMs) {
                    break;
                }
                if (size == timestamps.length) {
                    timestamps = java.util.Arrays.copyOf(timestamps, size * 2);
                    values = java.util.Arrays.copyOf(values, size * 2);
                }
                if (size > 0 && t < timestamps[size - 1]) {
                    sorted = false;
                }
                timestamps[size] = t;
                values[size] = iterator.value();
                size++;
            }
        }

        SeriesSamples toSeries() {
            long[] ts = java.util.Arrays.copyOf(timestamps, size);
            double[] vs = java.util.Arrays.copyOf(values, size);
            if (!sorted) {
                Integer[] order = new Integer[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
                for (int i = 0; i < size; i++) {
                    ts[i] = timestamps[order[i]];
                    vs[i] = values[order[i]];
                }
            }
            return new SeriesSamples(name, labels, ts, vs);
        }
    }
}
