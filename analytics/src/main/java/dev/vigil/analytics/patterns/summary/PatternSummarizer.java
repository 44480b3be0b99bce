package dev.vigil.analytics.patterns.summary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.analytics.search.EventQueryParser;
import dev.vigil.analytics.search.QuerySyntaxException;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.search.Query;

/**
 * Lists the log templates of a window with their counts, trends, example lines and parameter
 * value summaries. Two passes over one index snapshot: counting every template from doc values,
 * then, for the most frequent ones only, trends and a bounded sample of stored sources.
 * Thread-safe (no state between calls).
 *
 * <pre>{@code
 * PatternReport report = new PatternSummarizer(pipeline, catalog)
 *         .summarize(PatternQuery.of("service:checkout", TimeRange.of(from, to)));
 * }</pre>
 */
public final class PatternSummarizer {
    /** Bounds the trend arrays: templates times buckets. */
    public static final int MAX_BUCKETS = 1_000;
    private static final int TOP_VALUES = 5;

    private final EventPipeline pipeline;
    private final TemplateCatalog catalog;
    private final EventQueryParser parser = new EventQueryParser();

    public PatternSummarizer(EventPipeline pipeline, TemplateCatalog catalog) {
        this.pipeline = pipeline;
        this.catalog = catalog;
    }

    /**
     * @throws QuerySyntaxException     when the query does not parse
     * @throws IllegalArgumentException when the interval gives more than {@value #MAX_BUCKETS} buckets
     */
    public PatternReport summarize(PatternQuery request) {
        long started = System.nanoTime();
        TimeRange range = request.range();
        Duration step = request.interval() == null ? range.niceStep(60) : request.interval();
        long stepNanos = step.toNanos();
        long trendStart = Math.floorDiv(range.fromNanos(), stepNanos) * stepNanos;
        long buckets = (range.toNanos() - trendStart + stepNanos - 1) / stepNanos;
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("interval " + step + " gives " + buckets + " trend buckets over this window; the most is "
                    + MAX_BUCKETS + ": use a larger interval");
        }
        Query query = parser.parse(request.query(), IndexFields.KIND_LOG, range);
        TemplateResolver resolver = new TemplateResolver(catalog);
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            TemplateCounts counts = new TemplateCounter(resolver).count(snapshot.searcher(), query);
            List<TemplateCount> top = counts.mostFrequentFirst().stream().limit(request.limit()).toList();
            // Enough recent events to find a few distinct lines even when the newest repeat.
            int newest = request.examples() == 0 ? 0 : Math.max(20, request.examples() * 4);
            Map<String, TemplateSample> samples = new TemplateSampler(trendStart, stepNanos, (int) buckets, request.sampleSize(), newest)
                    .sample(snapshot.searcher(), query, top);
            ParameterSummarizer parameters = new ParameterSummarizer(catalog, TOP_VALUES);
            List<PatternSummary> patterns = new ArrayList<>(top.size());
            for (TemplateCount count : top) {
                TemplateSample sample = samples.get(count.id());
                patterns.add(new PatternSummary(count.id(), count.template().text(), count.count(),
                        counts.total() == 0 ? 0 : (double) count.count() / counts.total(), count.firstNanos(), count.lastNanos(),
                        sample.trend(), distinctMessages(sample.newest(), request.examples()), sample.sampled().size(),
                        parameters.summarize(count.template(), sample.sampled()), count.indexedIds()));
            }
            return new PatternReport(range, request.query(), counts.total(), counts.untemplated(), counts.byId().size(), trendStart, step,
                    patterns, (System.nanoTime() - started) / 1e6);
        }
    }

    private static List<LogEvent> distinctMessages(List<LogEvent> newestFirst, int limit) {
        Set<String> seen = new LinkedHashSet<>();
        List<LogEvent> examples = new ArrayList<>(limit);
        for (LogEvent event : newestFirst) {
            if (examples.size() >= limit) {
                break;
            }
            if (seen.add(event.message())) {
                examples.add(event);
            }
        }
        return examples;
    }
}
