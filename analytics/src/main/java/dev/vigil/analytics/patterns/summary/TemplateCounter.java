package dev.vigil.analytics.patterns.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.ingest.index.IndexFields;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts matching log events per template from doc values alone: the template id's sorted doc
 * values give a per-segment ordinal, resolved to the current template once per ordinal, and the
 * timestamp's numeric doc values give first and last seen. Memory is one slot per ordinal of the
 * current segment plus one tally per template; no hit is loaded. One per count; not thread-safe.
 */
final class TemplateCounter {
    private final TemplateResolver resolver;

    TemplateCounter(TemplateResolver resolver) {
        this.resolver = resolver;
    }

    /** @param query must already restrict to log events in the window */
    TemplateCounts count(IndexSearcher searcher, Query query) {
        Map<String, Tally> tallies = new HashMap<>();
        long[] totals = new long[2];
        try {
            searcher.search(query, new SimpleCollector() {
                private SortedDocValues templates;
                private NumericDocValues timestamps;
                private Tally[] byOrdinal;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    templates = context.reader().getSortedDocValues(IndexFields.TEMPLATE);
                    timestamps = context.reader().getNumericDocValues(IndexFields.TS);
                    byOrdinal = new Tally[templates == null ? 0 : templates.getValueCount()];
                }

                @Override
                public void collect(int doc) throws IOException {
                    totals[0]++;
                    if (templates == null || !templates.advanceExact(doc)) {
                        totals[1]++;
                        return;
                    }
                    int ordinal = templates.ordValue();
                    Tally tally = byOrdinal[ordinal];
                    if (tally == null) {
                        String indexedId = templates.lookupOrd(ordinal).utf8ToString();
                        LogTemplate template = resolver.resolve(indexedId);
                        tally = tallies.computeIfAbsent(template.id(), id -> new Tally(template));
                        tally.indexedIds.add(indexedId);
                        byOrdinal[ordinal] = tally;
                    }
                    long ts = timestamps != null && timestamps.advanceExact(doc) ? timestamps.longValue() : 0;
                    tally.add(ts);
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, TemplateCount> counts = new HashMap<>(tallies.size() * 2);
        tallies.forEach((id, tally) -> counts.put(id, tally.freeze()));
        return new TemplateCounts(totals[0], totals[1], counts);
    }

    private static final class Tally {
        final LogTemplate template;
        final Set<String> indexedIds = new LinkedHashSet<>(2);
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Tally(LogTemplate template) {
            this.template = template;
        }

        void add(long ts) {
            count++;
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }

        TemplateCount freeze() {
            return new TemplateCount(template, count, first, last, Set.copyOf(indexedIds));
        }
    }
}
