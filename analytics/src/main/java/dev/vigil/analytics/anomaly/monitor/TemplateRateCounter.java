package dev.vigil.analytics.anomaly.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;

/**
 * Counts log lines per (service, template) and step in one pass over doc values ({@code ts},
 * {@code service}, {@code template}); no stored document is read. Vigil's own anomaly events are
 * left out. Thread-safe; each call has its own state.
 */
final class TemplateRateCounter {
    private final EventPipeline pipeline;

    TemplateRateCounter(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** service → template → count per step, for steps of {@code stepMillis} from the range's start. */
    Map<String, Map<String, long[]>> count(TimeRange range, long stepMillis) {
        long startMillis = range.fromNanos() / 1_000_000L;
        int steps = (int) ((range.toNanos() / 1_000_000L - startMillis + stepMillis - 1) / stepMillis);
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.SERVICE, AnomalyEvents.SERVICE)), BooleanClause.Occur.MUST_NOT)
                .build();
        Map<String, Map<String, long[]>> out = new TreeMap<>();
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query, new SimpleCollector() {
                private NumericDocValues ts;
                private SortedDocValues services;
                private SortedDocValues templates;
                private String[] serviceByOrd;
                private String[] templateByOrd;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    ts = context.reader().getNumericDocValues(IndexFields.TS);
                    services = context.reader().getSortedDocValues(IndexFields.SERVICE);
                    templates = context.reader().getSortedDocValues(IndexFields.TEMPLATE);
                    serviceByOrd = new String[services == null ? 0 : services.getValueCount()];
                    templateByOrd = new String[templates == null ? 0 : templates.getValueCount()];
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (ts == null || services == null || templates == null || !ts.advanceExact(doc)
                            || !services.advanceExact(doc) || !templates.advanceExact(doc)) {
                        return;
                    }
                    int step = (int) ((ts.longValue() / 1_000_000L - startMillis) / stepMillis);
                    if (step < 0 || step >= steps) {
                        return;
                    }
                    int s = services.ordValue();
                    String service = serviceByOrd[s] != null ? serviceByOrd[s] : (serviceByOrd[s] = services.lookupOrd(s).utf8ToString());
                    int t = templates.ordValue();
                    String template = templateByOrd[t] != null ? templateByOrd[t] : (templateByOrd[t] = templates.lookupOrd(t).utf8ToString());
                    out.computeIfAbsent(service, k -> new TreeMap<>()).computeIfAbsent(template, k -> new long[steps])[step]++;
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
