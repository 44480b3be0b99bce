package dev.vigil.analytics.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.Event;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Streams every event matching a query, in index order (not sorted), decoding each from its
 * stored source. For analyses that must see all matches rather than the top few. Thread-safe.
 */
public final class EventScanner {
    private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

    private final EventPipeline pipeline;
    private final EventQueryParser parser = new EventQueryParser();

    public EventScanner(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @param maxEvents stop after this many (protects memory and latency on huge ranges)
     * @return how many events were passed to {@code sink}
     */
    public long scan(String queryText, String kind, TimeRange range, long maxEvents, Consumer<Event> sink) {
        long[] seen = {0};
        scan(parser.parse(queryText, kind, range), event -> {
            if (seen[0] >= maxEvents) {
                return false;
            }
            seen[0]++;
            sink.accept(event);
            return true;
        });
        return seen[0];
    }

    /**
     * Streams every event of {@code kind} (an {@link IndexFields} {@code KIND_*} value) in
     * {@code range} to {@code sink} until the sink returns false; the remaining matches are then
     * passed over without being decoded. For analyses that keep only some of the events and bound
     * what they keep rather than what they read.
     */
    public void scanWhile(String kind, TimeRange range, Predicate<Event> sink) {
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .build();
        scan(query, sink);
    }

    /** Documents without a stored source (none are indexed so) are skipped. */
    private void scan(Query query, Predicate<Event> sink) {
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query, new SimpleCollector() {
                private StoredFields stored;
                private boolean stopped;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    stored = context.reader().storedFields();
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (stopped) {
                        return;
                    }
                    BytesRef source = stored.document(doc, SOURCE_ONLY).getBinaryValue(IndexFields.SOURCE);
                    if (source == null) {
                        return;
                    }
                    stopped = !sink.test(BatchCodec.decode(source.bytes, source.offset, source.length).events().get(0));
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
