package dev.vigil.analytics.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * Runs pipeline queries over log events ({@code docs/query.md}).
 *
 * <p>One run: parse the text, compile the search part to a Lucene query, build the operators,
 * then stream every match through them on one index snapshot. Fields are read from doc values
 * where the index has them ({@code service}, {@code level}, {@code endpoint},
 * {@code http_status}, {@code duration_ms}, {@code timestamp}, {@code template}), so
 * {@code stats count() by service} never decodes an event; any other field decodes the stored
 * event once per matching document. Nothing holds all matches: aggregates keep state per group,
 * event answers keep the top N. A run checks its time budget as it goes and, when it runs out,
 * answers with what it has, flagged partial.
 *
 * <p>Thread-safe; each run uses its own state. Runs block (Lucene I/O and CPU): call from a
 * worker thread.
 */
public final class PipelineQueryEngine {
    private static final Sort NEWEST_FIRST = new Sort(new SortField(IndexFields.TS, SortField.Type.LONG, true));

    private final EventPipeline pipeline;
    private final TemplateCatalog catalog;
    private final QueryParser parser = new QueryParser();
    private final SearchCompiler compiler = new SearchCompiler();

    /**
     * @param catalog the log templates, for {@code template_text} and merged template ids; null
     *                when templates are not mined (template ids then stand alone)
     */
    public PipelineQueryEngine(EventPipeline pipeline, TemplateCatalog catalog) {
        this.pipeline = pipeline;
        this.catalog = catalog;
    }

    /** @throws dev.vigil.analytics.search.QuerySyntaxException naming the position when the text is not a valid query */
    public PipelineQuery parse(String text) {
        return parser.parse(text);
    }

    /** @throws dev.vigil.analytics.search.QuerySyntaxException naming the position when the query is not valid */
    public QueryResult run(QueryRequest request) {
        long started = System.nanoTime();
        QueryBudget budget = new QueryBudget(request.timeout(), started);
        PipelineQuery query = parser.parse(request.query());
        TemplateNames templates = new TemplateNames(catalog);
        Query search = compiler.compile(query.search(), request.range(), templates);
        PipelinePlan plan = PipelinePlan.of(query, request.range(), templates, budget);
        DocRow row = new DocRow(templates);
        long scanned;
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            IndexSearcher searcher = snapshot.searcher();
            if (plan.newestFirst() > 0) {
                scanned = newest(searcher, search, plan, row, budget);
            } else {
                PipelineCollector collector = new PipelineCollector(row, plan.head(), budget);
                try {
                    searcher.search(search, collector);
                } catch (QueryBudget.Exhausted e) {
                    budget.partial("the time budget of " + seconds(budget) + " ran out after " + collector.scanned()
                            + " matching events; the answer covers only those (narrow the query or raise timeout)");
                }
                scanned = collector.scanned();
            }
            plan.head().finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> rows = plan.collector().rows();
        List<String> reasons = budget.partialReasons();
        return new QueryResult(plan.events(), columns(rows), rows, !reasons.isEmpty(), reasons, scanned, row.decodedEvents(),
                (System.nanoTime() - started) / 1e6);
    }

    /** Lets Lucene pick the N newest matches (nothing before the first limit drops rows), then runs only those through the pipeline. */
    private static long newest(IndexSearcher searcher, Query search, PipelinePlan plan, DocRow row, QueryBudget budget) throws IOException {
        ScoreDoc[] hits = searcher.search(search, plan.newestFirst(), NEWEST_FIRST, false).scoreDocs;
        // Doc values read forwards only: visit the hits in document order (the pipeline re-sorts them).
        ScoreDoc[] byDoc = Arrays.copyOf(hits, hits.length);
        Arrays.sort(byDoc, Comparator.comparingInt(hit -> hit.doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int current = -1;
        long scanned = 0;
        for (ScoreDoc hit : byDoc) {
            if (budget.expired()) {
                budget.partial("the time budget of " + seconds(budget) + " ran out after " + scanned
                        + " events; the answer covers only those (narrow the query or raise timeout)");
                break;
            }
            int leaf = ReaderUtil.subIndex(hit.doc, leaves);
            if (leaf != current) {
                row.segment(leaves.get(leaf));
                current = leaf;
            }
            row.document(hit.doc - leaves.get(leaf).docBase);
            plan.head().push(row);
            scanned++;
        }
        return scanned;
    }

    private static List<String> columns(List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            columns.addAll(row.keySet());
        }
        return List.copyOf(columns);
    }

    private static String seconds(QueryBudget budget) {
        long millis = budget.timeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
