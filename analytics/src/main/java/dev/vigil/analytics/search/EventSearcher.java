package dev.vigil.analytics.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.Event;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds events with Lucene query syntax, newest (or oldest) first, and decodes them back from
 * their stored source. Thread-safe.
 */
public final class EventSearcher {
    private final EventPipeline pipeline;
    private final EventQueryParser parser;

    public EventSearcher(EventPipeline pipeline) {
        this(pipeline, new EventQueryParser());
    }

    /** @param parser how query text becomes a Lucene query (e.g. one that knows merged template ids) */
    public EventSearcher(EventPipeline pipeline, EventQueryParser parser) {
        this.pipeline = pipeline;
        this.parser = parser;
    }

    /** @throws QuerySyntaxException when the query does not parse */
    public SearchResult search(SearchRequest request) {
        long started = System.nanoTime();
        Query query = parser.parse(request.query(), request.kind(), request.range());
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            IndexSearcher searcher = snapshot.searcher();
            Sort sort = new Sort(new SortField(IndexFields.TS, SortField.Type.LONG, request.newestFirst()));
            TopFieldDocs top = searcher.search(query, request.limit(), sort, false);
            long total = top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO
                    ? top.totalHits.value : searcher.count(query);
            List<Event> hits = new ArrayList<>(top.scoreDocs.length);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                hits.add(decode(stored.document(hit.doc, java.util.Set.of(IndexFields.SOURCE))));
            }
            return new SearchResult(hits, total, (System.nanoTime() - started) / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Event decode(Document doc) {
        BytesRef source = doc.getBinaryValue(IndexFields.SOURCE);
        return BatchCodec.decode(source.bytes, source.offset, source.length).events().get(0);
    }
}
