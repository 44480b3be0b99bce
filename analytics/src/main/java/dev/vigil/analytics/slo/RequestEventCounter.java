package dev.vigil.analytics.slo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Counts good and total request events per minute for event-based SLOs, reading only doc values.
 *
 * <p>Index segments never change once written, so the per-minute counts of one segment for one
 * indicator are computed once and cached until the segment is merged away or its deletions
 * change (the cache is keyed by the segment reader's cache key and dropped when it closes). An
 * evaluation therefore reads only the documents of segments it has not seen, however long the
 * window: a 30-day SLO over millions of requests costs a binary search per segment and window
 * once the segments are counted. Late and back-filled events are counted like any others.
 *
 * <p>Thread-safe.
 */
final class RequestEventCounter {
    private final Map<IndexReader.CacheKey, Map<String, MinuteCounts>> cache = new ConcurrentHashMap<>();
    private final AtomicLong documentsRead = new AtomicLong();

    /** The counts of {@code slo} (an event indicator) in this snapshot. */
    WindowedCounts counts(SloDefinition slo, IndexSnapshot snapshot) {
        String key = cacheKey(slo);
        IndexSearcher searcher = snapshot.searcher();
        List<MinuteCounts> segments = new ArrayList<>();
        Weight[] weight = new Weight[1];
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
                if (helper == null) {
                    segments.add(count(slo, searcher, weight, leaf));
                    continue;
                }
                Map<String, MinuteCounts> bySlo = cache.computeIfAbsent(helper.getKey(), cacheKey -> {
                    helper.addClosedListener(cache::remove);
                    return new ConcurrentHashMap<>();
                });
                MinuteCounts counts = bySlo.get(key);
                if (counts == null) {
                    counts = count(slo, searcher, weight, leaf);
                    bySlo.put(key, counts);
                }
                segments.add(counts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (from, to) -> {
            Counts sum = Counts.ZERO;
            for (MinuteCounts segment : segments) {
                sum = sum.plus(segment.sum(from, to));
            }
            return sum;
        };
    }

    /** Documents read from segments so far (what the cache saves shows here). */
    long documentsRead() {
        return documentsRead.get();
    }

    /** What decides the counts: SLOs that differ only in name, target or window share them. */
    private static String cacheKey(SloDefinition slo) {
        String indicator = slo.indicator() instanceof Indicator.Latency latency
                ? "latency<=" + latency.threshold().toNanos() / 1000 + "us" : slo.indicator().type();
        return slo.service() + '\u0000' + (slo.endpoint() == null ? "" : slo.endpoint()) + '\u0000' + indicator;
    }

    private MinuteCounts count(SloDefinition slo, IndexSearcher searcher, Weight[] weight, LeafReaderContext leaf) throws IOException {
        if (weight[0] == null) {
            Query query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.SERVICE, slo.service())), BooleanClause.Occur.FILTER)
                    .build();
            weight[0] = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }
        Scorer scorer = weight[0].scorer(leaf);
        LeafReader reader = leaf.reader();
        SortedDocValues endpoints = reader.getSortedDocValues(IndexFields.ENDPOINT);
        NumericDocValues ts = reader.getNumericDocValues(IndexFields.TS);
        boolean latency = slo.indicator() instanceof Indicator.Latency;
        NumericDocValues values = reader.getNumericDocValues(latency ? IndexFields.DURATION_US : IndexFields.HTTP_STATUS);
        if (scorer == null || endpoints == null || ts == null || values == null) {
            return MinuteCounts.EMPTY;
        }
        long thresholdMicros = latency ? ((Indicator.Latency) slo.indicator()).threshold().toNanos() / 1000 : 0;
        boolean[] endpointMatches = endpointMatches(endpoints, slo.endpoint());
        Bits live = reader.getLiveDocs();
        Map<Long, long[]> cells = new HashMap<>();
        long lastMinute = Long.MIN_VALUE;
        long[] cell = null;
        long read = 0;
        DocIdSetIterator docs = scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            read++;
            if ((live != null && !live.get(doc)) || !endpoints.advanceExact(doc) || !endpointMatches[endpoints.ordValue()]
                    || !values.advanceExact(doc) || !ts.advanceExact(doc)) {
                continue;
            }
            long minute = Math.floorDiv(ts.longValue() / 1_000_000L, MinuteCounts.MINUTE_MILLIS);
            if (minute != lastMinute) {
                cell = cells.computeIfAbsent(minute, m -> new long[2]);
                lastMinute = minute;
            }
            long value = values.longValue();
            boolean good = latency ? value <= thresholdMicros : value < 500;
            if (good) {
                cell[0]++;
            }
            cell[1]++;
        }
        documentsRead.addAndGet(read);
        return MinuteCounts.of(cells);
    }

    /**
     * Which endpoint ordinals the SLO counts: all without an endpoint; else the exact endpoint
     * ({@code "POST /pay"}), or a route ({@code "/pay"}) with any method.
     */
    private static boolean[] endpointMatches(SortedDocValues endpoints, String endpoint) throws IOException {
        boolean[] matches = new boolean[endpoints.getValueCount()];
        for (int ord = 0; ord < matches.length; ord++) {
            if (endpoint == null) {
                matches[ord] = true;
            } else {
                String value = endpoints.lookupOrd(ord).utf8ToString();
                matches[ord] = value.equals(endpoint) || (value.endsWith(endpoint) && value.length() > endpoint.length()
                        && value.charAt(value.length() - endpoint.length() - 1) == ' ' && endpoint.indexOf(' ') < 0);
            }
        }
        return matches;
    }
}
