package dev.vigil.analytics.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Consumer;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.Event;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

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
        Query query = parser.parse(queryText, kind, range);
        long[] seen = {0};
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query, new SimpleCollector() {
                private StoredFields stored;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    stored = context.reader().storedFields();
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (seen[0] >= maxEvents) {
                        return;
                    }
                    seen[0]++;
                    sink.accept(EventSearcher.decode(stored.document(doc, SOURCE_ONLY)));
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen[0];
    }
}
