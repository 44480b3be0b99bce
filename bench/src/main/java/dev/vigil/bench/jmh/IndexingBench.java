package dev.vigil.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.codec.DecodedBatch;
import dev.vigil.ingest.index.Analyzers;
import dev.vigil.ingest.index.DocumentMapper;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the indexer thread does per journal record, without the journal: {@code BatchCodec.decode}
 * of a 1,000-event record, {@code DocumentMapper.toDocument} and {@code IndexWriter.addDocument}
 * for each event into an on-disk index configured like {@code EventIndexer} (same analysers,
 * 64 MB RAM buffer), cycling through 200 distinct records (200,000 distinct trace ids).
 * {@code refreshEveryDocs} > 0 also opens a near-real-time reader that often, like the indexer's
 * refresh: 12,500 documents is one 250 ms refresh interval at 50,000 events/s. A fresh index per
 * iteration; a longer warm-up (5 x 3 s) than the codec benchmarks because Lucene's indexing chain takes
 * longer to compile. Score: events per second on one thread (plus Lucene's background merge threads).
 * This is the ceiling of the single-threaded indexer on this machine.
 *
 * <p>{@code drop} removes one field from every mapped document before it is added, to see what
 * that field costs Lucene (the mapping cost stays): {@code none} (default), or a field name such as
 * {@code _source}, {@code trace_id}, {@code duration_ms}, {@code message}. E.g.
 * {@code bench/run.sh jmh IndexingBench -p refreshEveryDocs=12500 -p drop=none,_source,trace_id,duration_ms,message}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class IndexingBench {
    private static final int RECORDS = 200;

    @Param({"0", "12500"})
    public int refreshEveryDocs;

    @Param({"none"})
    public String drop;

    private final DocumentMapper mapper = new DocumentMapper();
    private byte[][] records;
    private int next;
    private long sinceRefresh;
    private Path dir;
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;

    @Setup(Level.Trial)
    public void records() {
        records = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = BatchCodec.encode(EventKind.LOG, Fixtures.events(1000 + i));
        }
    }

    @Setup(Level.Iteration)
    public void openIndex() throws IOException {
        dir = Files.createTempDirectory("vigil-jmh-index-");
        directory = FSDirectory.open(dir);
        writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.query())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(false));
        searchers = new SearcherManager(writer, null);
        sinceRefresh = 0;
    }

    @TearDown(Level.Iteration)
    public void closeIndex() throws IOException {
        searchers.close();
        writer.rollback();
        directory.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public void indexRecord() throws IOException {
        byte[] record = records[next];
        next = (next + 1) % RECORDS;
        DecodedBatch batch = BatchCodec.decode(record, 0, record.length);
        boolean dropping = !drop.equals("none");
        for (Event event : batch.events()) {
            Document doc = mapper.toDocument(event);
            if (dropping) {
                doc.removeFields(drop);
            }
            writer.addDocument(doc);
        }
        if (refreshEveryDocs > 0) {
            sinceRefresh += batch.events().size();
            if (sinceRefresh >= refreshEveryDocs) {
                searchers.maybeRefreshBlocking();
                sinceRefresh = 0;
            }
        }
    }
}
