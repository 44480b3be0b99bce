package dev.vigil.analytics.query;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventQueryParser;
import dev.vigil.ingest.index.IndexFields;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns the search part of a query into a Lucene query over the log documents of a time range,
 * with the syntax of {@code /api/v1/logs/search} ({@link EventQueryParser}, which also makes
 * {@code template:ID} match every id merged into the same template). Thread-safe.
 */
final class SearchCompiler {
    Query compile(String search, TimeRange range, TemplateNames templates) {
        Query text = new EventQueryParser(templates::aliases).parseText(search);
        return new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .build();
    }
}
