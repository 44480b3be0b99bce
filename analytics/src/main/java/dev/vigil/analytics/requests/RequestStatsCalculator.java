package dev.vigil.analytics.requests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.Level;
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
 * Computes {@link RequestStats} in one pass over the log documents of a range, reading only doc
 * values (timestamp, service, level, endpoint, status, duration); no stored document is decoded.
 * Counts, error counts, totals and maxima are exact; percentiles are exact for up to
 * {@value LatencyRecorder#EXACT_LIMIT} requests (per bucket, endpoint or service) and within 0.8% of
 * the exact nearest-rank value beyond (see {@link LatencyRecorder}), so memory and time no longer
 * grow with sorting every duration. Thread-safe; each call allocates its own state.
 */
public final class RequestStatsCalculator {
    private final EventPipeline pipeline;

    public RequestStatsCalculator(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @param bucket  bucket width, or null for about 60 buckets
     * @param service only this service, or null for all
     */
    public RequestStats compute(TimeRange range, Duration bucket, String service) {
        long bucketMillis = (bucket == null ? range.niceStep(60) : bucket).toMillis();
        if (bucketMillis < 1) {
            throw new IllegalArgumentException("bucket must be at least 1ms");
        }
        long startMillis = Math.floorDiv(range.fromNanos() / 1_000_000L, bucketMillis) * bucketMillis;
        int buckets = (int) Math.max(1, (range.toNanos() / 1_000_000L - startMillis + bucketMillis - 1) / bucketMillis);
        if (buckets > 100_000) {
            throw new IllegalArgumentException("bucket too small for this range: use a larger bucket");
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER);
        if (service != null) {
            query.add(new TermQuery(new Term(IndexFields.SERVICE, service)), BooleanClause.Occur.FILTER);
        }
        Accumulator acc = new Accumulator(startMillis, bucketMillis, buckets);
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            snapshot.searcher().search(query.build(), acc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return acc.result(range);
    }

    /** Requests of one (service, endpoint) in one bucket. */
    private static final class Cell {
        final LatencyRecorder latency = new LatencyRecorder();
        long errors;

        void merge(Cell other) {
            latency.merge(other.latency);
            errors += other.errors;
        }
    }

    /** Everything counted for one service. */
    private static final class ServiceRow {
        final long[] logs;
        final long[] errorLogs;
        /** endpoint → per-bucket cells (null where the bucket had no request) */
        final Map<String, Cell[]> endpoints = new HashMap<>();

        ServiceRow(int buckets) {
            logs = new long[buckets];
            errorLogs = new long[buckets];
        }
    }

    /**
     * One pass over doc values. Rows are looked up by the segment's ordinals (arrays filled on first
     * use), not by name: a map lookup per line cost as much as the rest of the pass.
     */
    private static final class Accumulator extends SimpleCollector {
        final long startMillis;
        final long bucketMillis;
        final int buckets;
        final long startNanos;
        final long bucketNanos;
        final long spanNanos;
        final Map<String, ServiceRow> rows = new HashMap<>();

        NumericDocValues ts;
        SortedDocValues services;
        SortedDocValues levels;
        SortedDocValues endpoints;
        NumericDocValues statuses;
        NumericDocValues durations;
        ServiceRow[] rowByServiceOrd;
        /** [service ord][endpoint ord] → the endpoint's cells; inner arrays allocated per service seen */
        Cell[][][] cellsByOrds;
        boolean[] errorByLevelOrd;

        Accumulator(long startMillis, long bucketMillis, int buckets) {
            this.startMillis = startMillis;
            this.bucketMillis = bucketMillis;
            this.buckets = buckets;
            this.startNanos = startMillis * 1_000_000L;
            this.bucketNanos = bucketMillis * 1_000_000L;
            this.spanNanos = bucketNanos * buckets;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            var reader = context.reader();
            ts = reader.getNumericDocValues(IndexFields.TS);
            services = reader.getSortedDocValues(IndexFields.SERVICE);
            levels = reader.getSortedDocValues(IndexFields.LEVEL);
            endpoints = reader.getSortedDocValues(IndexFields.ENDPOINT);
            statuses = reader.getNumericDocValues(IndexFields.HTTP_STATUS);
            durations = reader.getNumericDocValues(IndexFields.DURATION_US);
            int serviceCount = services == null ? 0 : services.getValueCount();
            rowByServiceOrd = new ServiceRow[serviceCount];
            cellsByOrds = new Cell[serviceCount][][];
            errorByLevelOrd = new boolean[levels == null ? 0 : levels.getValueCount()];
            for (int ord = 0; ord < errorByLevelOrd.length; ord++) {
                errorByLevelOrd[ord] = Level.valueOf(levels.lookupOrd(ord).utf8ToString()).isError();
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            if (ts == null || !ts.advanceExact(doc) || services == null || !services.advanceExact(doc)) {
                return;
            }
            // Both bounds are whole milliseconds: one division in nanoseconds buckets as the millisecond would.
            long offset = ts.longValue() - startNanos;
            if (offset < 0 || offset >= spanNanos) {
                return;
            }
            int bucket = (int) (offset / bucketNanos);
            int serviceOrd = services.ordValue();
            ServiceRow row = rowByServiceOrd[serviceOrd];
            if (row == null) {
                row = rowByServiceOrd[serviceOrd] = rows.computeIfAbsent(services.lookupOrd(serviceOrd).utf8ToString(),
                        s -> new ServiceRow(buckets));
            }
            row.logs[bucket]++;
            if (levels != null && levels.advanceExact(doc) && errorByLevelOrd[levels.ordValue()]) {
                row.errorLogs[bucket]++;
            }
            if (endpoints == null || !endpoints.advanceExact(doc) || durations == null || !durations.advanceExact(doc)) {
                return;
            }
            Cell[][] byEndpointOrd = cellsByOrds[serviceOrd];
            if (byEndpointOrd == null) {
                byEndpointOrd = cellsByOrds[serviceOrd] = new Cell[endpoints.getValueCount()][];
            }
            int endpointOrd = endpoints.ordValue();
            Cell[] cells = byEndpointOrd[endpointOrd];
            if (cells == null) {
                cells = byEndpointOrd[endpointOrd] = row.endpoints.computeIfAbsent(endpoints.lookupOrd(endpointOrd).utf8ToString(),
                        e -> new Cell[buckets]);
            }
            Cell cell = cells[bucket];
            if (cell == null) {
                cell = cells[bucket] = new Cell();
            }
            cell.latency.record(durations.longValue());
            if (statuses != null && statuses.advanceExact(doc) && statuses.longValue() >= 500) {
                cell.errors++;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        RequestStats result(TimeRange range) {
            double seconds = range.lengthNanos() / 1e9;
            List<EndpointStats> endpointStats = new ArrayList<>();
            List<ServiceStats> serviceStats = new ArrayList<>();
            for (Map.Entry<String, ServiceRow> service : new TreeMap<>(rows).entrySet()) {
                ServiceRow row = service.getValue();
                Cell[] serviceCells = new Cell[buckets];
                for (Map.Entry<String, Cell[]> entry : new TreeMap<>(row.endpoints).entrySet()) {
                    Cell[] cells = entry.getValue();
                    Cell all = new Cell();
                    List<BucketStats> bucketStats = new ArrayList<>(buckets);
                    for (int b = 0; b < buckets; b++) {
                        Cell cell = cells[b];
                        if (cell != null) {
                            all.merge(cell);
                            (serviceCells[b] == null ? (serviceCells[b] = new Cell()) : serviceCells[b]).merge(cell);
                        }
                        bucketStats.add(bucket(b, cell));
                    }
                    long requests = all.latency.count();
                    endpointStats.add(new EndpointStats(service.getKey(), entry.getKey(), requests, all.errors, requests / seconds,
                            all.latency.summary(), List.copyOf(bucketStats)));
                }
                List<BucketStats> serviceBuckets = new ArrayList<>(buckets);
                Cell serviceAll = new Cell();
                long logs = 0;
                long errorLogs = 0;
                for (int b = 0; b < buckets; b++) {
                    Cell cell = serviceCells[b];
                    if (cell != null) {
                        serviceAll.merge(cell);
                    }
                    serviceBuckets.add(bucket(b, cell));
                    logs += row.logs[b];
                    errorLogs += row.errorLogs[b];
                }
                serviceStats.add(new ServiceStats(service.getKey(), serviceAll.latency.count(), serviceAll.errors, logs, errorLogs,
                        serviceAll.latency.summary(), List.copyOf(serviceBuckets), row.errorLogs, row.logs));
            }
            return new RequestStats(range, bucketMillis, List.copyOf(serviceStats), List.copyOf(endpointStats));
        }

        private BucketStats bucket(int b, Cell cell) {
            long start = startMillis + b * bucketMillis;
            if (cell == null) {
                return new BucketStats(start, 0, 0, LatencySummary.EMPTY);
            }
            return new BucketStats(start, cell.latency.count(), cell.errors, cell.latency.summary());
        }
    }
}
