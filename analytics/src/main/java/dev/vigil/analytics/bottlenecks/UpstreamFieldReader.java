package dev.vigil.analytics.bottlenecks;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Dependencies from access logs that say how long the request waited on something else:
 * {@code upstream_ms} (with {@code upstream}, {@code upstream_service} or {@code peer.service}
 * naming it) and {@code db_ms} (with {@code db.system} or {@code db}). Only the access logs that
 * carry such a field are read (a term query finds them) and each is decoded once; an upstream
 * wait counts as nested time (another service's), a database wait stays the endpoint's own.
 * Not thread-safe; one instance per analysis.
 */
final class UpstreamFieldReader {
    static final List<String> UPSTREAM_MS = List.of("upstream_ms", "upstream_duration_ms", "upstream_time_ms");
    static final List<String> UPSTREAM_NAME = List.of("upstream", "upstream_service", "peer.service", "upstream_addr");
    static final List<String> DB_MS = List.of("db_ms", "db_duration_ms", "db_time_ms");
    static final List<String> DB_NAME = List.of("db.system", "db", "db_name");
    /** Decoding is the costly part: stop after this many logs and say so. */
    static final long MAX_LOGS = 1_000_000;
    private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

    private final BucketLayout layout;
    private final String service;
    private final Map<EndpointKey, SpanTimes> endpoints = new TreeMap<>();
    private long logs;
    private boolean truncated;

    UpstreamFieldReader(BucketLayout layout, String service) {
        this.layout = layout;
        this.service = service;
    }

    record Result(Map<EndpointKey, SpanTimes> endpoints, long logs, boolean truncated) {
    }

    Result read(IndexSearcher searcher) throws IOException {
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        for (List<String> names : List.of(UPSTREAM_MS, DB_MS)) {
            for (String name : names) {
                fields.add(new TermRangeQuery(IndexFields.attributeField(name), null, null, true, true), BooleanClause.Occur.SHOULD);
            }
        }
        BooleanQuery.Builder ranges = new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(IndexFields.TS, layout.baseline().fromNanos(), layout.baseline().toNanos() - 1), BooleanClause.Occur.SHOULD)
                .add(LongPoint.newRangeQuery(IndexFields.TS, layout.window().fromNanos(), layout.window().toNanos() - 1), BooleanClause.Occur.SHOULD);
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(ranges.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER)
                .add(fields.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER);
        if (service != null) {
            query.add(new TermQuery(new Term(IndexFields.SERVICE, service)), BooleanClause.Occur.FILTER);
        }
        searcher.search(query.build(), new SimpleCollector() {
            private StoredFields stored;
            private NumericDocValues ts;
            private NumericDocValues durations;
            private SortedDocValues endpointValues;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                stored = context.reader().storedFields();
                ts = context.reader().getNumericDocValues(IndexFields.TS);
                durations = context.reader().getNumericDocValues(IndexFields.DURATION_US);
                endpointValues = context.reader().getSortedDocValues(IndexFields.ENDPOINT);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (logs >= MAX_LOGS) {
                    truncated = true;
                    return;
                }
                if (ts == null || durations == null || endpointValues == null || !ts.advanceExact(doc)
                        || !durations.advanceExact(doc) || !endpointValues.advanceExact(doc)) {
                    return;
                }
                int bucket = layout.index(ts.longValue());
                if (bucket < 0) {
                    return;
                }
                BytesRef source = stored.document(doc, SOURCE_ONLY).getBinaryValue(IndexFields.SOURCE);
                Event event = source == null ? null : BatchCodec.decode(source.bytes, source.offset, source.length).events().get(0);
                if (event instanceof LogEvent log) {
                    logs++;
                    String endpoint = endpointValues.lookupOrd(endpointValues.ordValue()).utf8ToString();
                    record(log, endpoint, bucket, durations.longValue());
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return new Result(endpoints, logs, truncated);
    }

    private void record(LogEvent log, String endpoint, int bucket, long durationMicros) {
        int period = layout.inWindow(bucket) ? SpanTimes.WINDOW : SpanTimes.BASELINE;
        SpanTimes times = endpoints.computeIfAbsent(new EndpointKey(log.service(), endpoint), k -> new SpanTimes(layout.size()));
        long durationNanos = durationMicros * 1_000L;
        times.spans[period]++;
        times.totalNanos[period] += durationNanos;
        Map<String, String> attributes = log.attributes();
        double upstreamMs = millis(attributes, UPSTREAM_MS);
        if (upstreamMs >= 0) {
            long inside = Math.min(durationNanos, Math.round(upstreamMs * 1e6));
            String name = first(attributes, UPSTREAM_NAME, "upstream");
            add(times, new SpanTimes.Dependency("service", name, "-"), inside, upstreamMs, period);
            times.nestedNanos[period] += inside;
        }
        double dbMs = millis(attributes, DB_MS);
        if (dbMs >= 0) {
            long inside = Math.min(durationNanos, Math.round(dbMs * 1e6));
            add(times, new SpanTimes.Dependency("database", first(attributes, DB_NAME, "db"), "-"), inside, dbMs, period);
        }
    }

    private static void add(SpanTimes times, SpanTimes.Dependency dependency, long insideNanos, double ms, int period) {
        SpanTimes.DependencyTimes dep = times.dependencies.computeIfAbsent(dependency, d -> new SpanTimes.DependencyTimes());
        dep.calls[period]++;
        dep.nanos[period] += insideNanos;
        dep.durations[period].add(Math.round(ms * 1000.0));
    }

    private static double millis(Map<String, String> attributes, List<String> names) {
        for (String name : names) {
            String value = attributes.get(name);
            if (value != null) {
                try {
                    double ms = Double.parseDouble(value.trim());
                    if (ms >= 0 && Double.isFinite(ms)) {
                        return ms;
                    }
                } catch (NumberFormatException ignored) {
                    // Not a number: the field is not a duration here; try the next spelling.
                }
            }
        }
        return -1;
    }

    private static String first(Map<String, String> attributes, List<String> names, String fallback) {
        for (String name : names) {
            String value = attributes.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return fallback;
    }
}
