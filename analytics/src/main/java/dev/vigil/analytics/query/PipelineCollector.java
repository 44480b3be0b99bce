package dev.vigil.analytics.query;

import java.io.IOException;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Feeds every matching document, as a {@link DocRow}, into a pipeline, and stops the search with
 * {@link QueryBudget.Exhausted} once the time budget has run out. Not thread-safe: use with a
 * single-threaded {@code IndexSearcher.search(Query, Collector)}.
 */
final class PipelineCollector extends SimpleCollector {
    /** How many documents pass between clock reads (a clock read costs about as much as a few documents). */
    private static final int CHECK_EVERY = 256;

    private final DocRow row;
    private final Operator head;
    private final QueryBudget budget;
    private long scanned;

    PipelineCollector(DocRow row, Operator head, QueryBudget budget) {
        this.row = row;
        this.head = head;
        this.budget = budget;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        if (budget.expired()) {
            throw new QueryBudget.Exhausted();
        }
        row.segment(context);
    }

    @Override
    public void collect(int doc) {
        if (++scanned % CHECK_EVERY == 0 && budget.expired()) {
            scanned--;
            throw new QueryBudget.Exhausted();
        }
        row.document(doc);
        head.push(row);
    }

    long scanned() {
        return scanned;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
