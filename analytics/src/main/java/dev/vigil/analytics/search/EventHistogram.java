package dev.vigil.analytics.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts events matching a query per time bucket, reading timestamps from doc values (no stored
 * fields). Thread-safe.
 */
public final class EventHistogram {
    /** Bounds the response size and the counting array. */
    public static final int MAX_BUCKETS = 10_000;

    private final EventPipeline pipeline;
    private final EventQueryParser parser = new EventQueryParser();

    public EventHistogram(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @param interval bucket width, or null for about 60 buckets over the range
     */
    public Histogram count(String queryText, String kind, TimeRange range, Duration interval) {
        long started = System.nanoTime();
        Duration step = interval == null ? range.niceStep(60) : interval;
        long stepNanos = step.toNanos();
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        long start = Math.floorDiv(range.fromNanos(), stepNanos) * stepNanos;
        long buckets = (range.toNanos() - start + stepNanos - 1) / stepNanos;
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("interval " + step + " gives " + buckets + " buckets over this range; the most is "
                    + MAX_BUCKETS + ": use a larger interval");
        }
        long[] counts = new long[(int) buckets];
        Query query = parser.parse(queryText, kind, range);
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query, new SimpleCollector() {
                private NumericDocValues timestamps;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    timestamps = context.reader().getNumericDocValues(IndexFields.TS);
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (timestamps != null && timestamps.advanceExact(doc)) {
                        int bucket = (int) ((timestamps.longValue() - start) / stepNanos);
                        if (bucket >= 0 && bucket < counts.length) {
                            counts[bucket]++;
                        }
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return new Histogram(start, step, counts, total, (System.nanoTime() - started) / 1e6);
    }
}
