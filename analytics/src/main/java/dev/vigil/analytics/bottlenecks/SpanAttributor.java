package dev.vigil.analytics.bottlenecks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Attributes span time to endpoints. An entry span (a root, or a span whose parent is in another
 * service or not in the data) is one request to the endpoint {@code (service, operation)}. Below
 * it, within its own service, every child span of another service is a call the endpoint waits
 * on: its time, clipped to the entry span, is nested time (the union, so parallel calls count
 * once) and belongs to the callee's endpoint. A child of the same service that names a peer
 * ({@code db.system}, {@code peer.service}, {@code net.peer.name}, {@code server.address}) is a
 * dependency whose time stays the endpoint's own: nothing else accounts for it.
 *
 * <p>Span joins need the span ids, which are not doc values, so spans are decoded one at a time
 * from their stored source and kept as a few fields each, at most {@link #MAX_SPANS}; past that
 * the rest are skipped and {@link Result#truncated()} says so. Not thread-safe; one instance per
 * analysis.
 */
final class SpanAttributor {
    static final int MAX_SPANS = 500_000;
    /** Internal spans nest this deep at most; deeper ones are cut rather than risk a cycle in bad data. */
    private static final int MAX_DEPTH = 64;
    private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

    private final BucketLayout layout;
    private final Map<String, String> interned = new HashMap<>();
    private final Map<String, List<CompactSpan>> traces = new HashMap<>();
    private int kept;
    private boolean truncated;

    SpanAttributor(BucketLayout layout) {
        this.layout = layout;
    }

    /** What the spans of the layout's two ranges show, per entry endpoint. */
    record Result(Map<EndpointKey, SpanTimes> endpoints, long spans, boolean truncated) {
    }

    Result attribute(IndexSearcher searcher) throws IOException {
        BooleanQuery.Builder ranges = new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(IndexFields.TS, layout.baseline().fromNanos(), layout.baseline().toNanos() - 1), BooleanClause.Occur.SHOULD)
                .add(LongPoint.newRangeQuery(IndexFields.TS, layout.window().fromNanos(), layout.window().toNanos() - 1), BooleanClause.Occur.SHOULD);
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_SPAN)), BooleanClause.Occur.FILTER)
                .add(ranges.setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER)
                .build();
        searcher.search(query, new SimpleCollector() {
            private StoredFields stored;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                stored = context.reader().storedFields();
            }

            @Override
            public void collect(int doc) throws IOException {
                if (kept >= MAX_SPANS) {
                    truncated = true;
                    return;
                }
                BytesRef source = stored.document(doc, SOURCE_ONLY).getBinaryValue(IndexFields.SOURCE);
                if (source == null) {
                    return;
                }
                Event event = BatchCodec.decode(source.bytes, source.offset, source.length).events().get(0);
                if (event instanceof Span span) {
                    keep(span);
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        Map<EndpointKey, SpanTimes> endpoints = new TreeMap<>();
        for (List<CompactSpan> trace : traces.values()) {
            attributeTrace(trace, endpoints);
        }
        return new Result(endpoints, kept, truncated);
    }

    private void keep(Span span) {
        kept++;
        CompactSpan compact = new CompactSpan(span.spanId(), span.parentSpanId(), intern(span.service()), intern(span.operation()),
                span.startNanos(), span.endNanos(), span.status() == SpanStatus.ERROR, peer(span.attributes()));
        traces.computeIfAbsent(span.traceId(), t -> new ArrayList<>(4)).add(compact);
    }

    private String intern(String value) {
        return interned.computeIfAbsent(value, v -> v);
    }

    /** The peer a client span names, as {@code kind/name}, or null for a plain span. */
    private String[] peer(Map<String, String> attributes) {
        String db = attributes.get("db.system");
        if (db != null) {
            return new String[] {"database", intern(db)};
        }
        for (String key : new String[] {"peer.service", "net.peer.name", "server.address"}) {
            String value = attributes.get(key);
            if (value != null) {
                return new String[] {"peer", intern(value)};
            }
        }
        return null;
    }

    private void attributeTrace(List<CompactSpan> trace, Map<EndpointKey, SpanTimes> endpoints) {
        Map<String, CompactSpan> byId = new HashMap<>(trace.size() * 2);
        for (CompactSpan span : trace) {
            byId.put(span.id, span);
        }
        Map<String, List<CompactSpan>> children = new HashMap<>();
        for (CompactSpan span : trace) {
            if (span.parentId != null && byId.containsKey(span.parentId)) {
                children.computeIfAbsent(span.parentId, p -> new ArrayList<>(2)).add(span);
            }
        }
        for (CompactSpan span : trace) {
            CompactSpan parent = span.parentId == null ? null : byId.get(span.parentId);
            if (parent != null && parent.service.equals(span.service)) {
                continue;
            }
            int bucket = layout.index(span.start);
            if (bucket < 0) {
                continue;
            }
            int period = layout.inWindow(bucket) ? SpanTimes.WINDOW : SpanTimes.BASELINE;
            SpanTimes times = endpoints.computeIfAbsent(new EndpointKey(span.service, span.operation), k -> new SpanTimes(layout.size()));
            long duration = span.end - span.start;
            times.spans[period]++;
            times.totalNanos[period] += duration;
            if (span.error) {
                times.errors[period]++;
            }
            times.samples.add(bucket, duration / 1_000L, span.error);
            List<long[]> nested = new ArrayList<>();
            walk(span, span, children, times, period, nested, 0);
            times.nestedNanos[period] += unionLength(nested);
        }
    }

    /** Visits the entry span's subtree within its service, recording calls out of it. */
    private void walk(CompactSpan entry, CompactSpan node, Map<String, List<CompactSpan>> children, SpanTimes times, int period,
                      List<long[]> nested, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (CompactSpan child : children.getOrDefault(node.id, List.of())) {
            long from = Math.max(entry.start, child.start);
            long to = Math.min(entry.end, child.end);
            long inside = Math.max(0, to - from);
            if (!child.service.equals(entry.service)) {
                record(times, new SpanTimes.Dependency("service", child.service, child.operation), child, inside, period);
                nested.add(new long[] {from, to});
                continue;
            }
            CompactSpan remote = firstChildElsewhere(child, children);
            if (remote != null) {
                // A client span whose callee is traced too: the wait belongs to the callee's endpoint.
                record(times, new SpanTimes.Dependency("service", remote.service, remote.operation), child, inside, period);
                nested.add(new long[] {from, to});
            } else if (child.peer != null) {
                record(times, new SpanTimes.Dependency(child.peer[0], child.peer[1], child.operation), child, inside, period);
            } else {
                walk(entry, child, children, times, period, nested, depth + 1);
            }
        }
    }

    private static CompactSpan firstChildElsewhere(CompactSpan span, Map<String, List<CompactSpan>> children) {
        for (CompactSpan child : children.getOrDefault(span.id, List.of())) {
            if (!child.service.equals(span.service)) {
                return child;
            }
        }
        return null;
    }

    private static void record(SpanTimes times, SpanTimes.Dependency dependency, CompactSpan call, long insideNanos, int period) {
        SpanTimes.DependencyTimes dep = times.dependencies.computeIfAbsent(dependency, d -> new SpanTimes.DependencyTimes());
        dep.calls[period]++;
        dep.nanos[period] += insideNanos;
        dep.durations[period].add((call.end - call.start) / 1_000L);
        if (call.error) {
            dep.errors[period]++;
        }
    }

    /** Total length covered by intervals {@code [from, to)}; sorts the list. */
    static long unionLength(List<long[]> intervals) {
        intervals.sort((a, b) -> Long.compare(a[0], b[0]));
        long total = 0;
        long end = Long.MIN_VALUE;
        for (long[] interval : intervals) {
            if (interval[1] <= interval[0]) {
                continue;
            }
            long from = Math.max(interval[0], end);
            if (interval[1] > from) {
                total += interval[1] - from;
                end = interval[1];
            }
        }
        return total;
    }

    private record CompactSpan(String id, String parentId, String service, String operation, long start, long end, boolean error,
                               String[] peer) {
    }
}
