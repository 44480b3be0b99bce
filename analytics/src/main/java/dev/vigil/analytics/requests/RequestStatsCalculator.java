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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;

/**
 * Computes {@link RequestStats} in one pass over the log documents of a range, reading only doc
 * values (timestamp, service, level, endpoint, status, duration). Percentiles are exact.
 * Thread-safe; each call allocates its own state.
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

    /** Growable list of durations in microseconds. */
    private static final class Durations {
        long[] values = new long[16];
        int size;
        long errors;

        void add(long micros, boolean error) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
            if (error) {
                errors++;
            }
        }
    }

    private static final class ServiceCounts {
        final long[] logs;
        final long[] errorLogs;

        ServiceCounts(int buckets) {
            logs = new long[buckets];
            errorLogs = new long[buckets];
        }
    }

    private static final class Accumulator extends SimpleCollector {
        final long startMillis;
        final long bucketMillis;
        final int buckets;
        /** service → endpoint → per-bucket durations */
        final Map<String, Map<String, Durations[]>> cells = new TreeMap<>();
        final Map<String, ServiceCounts> logCounts = new TreeMap<>();
        final Map<Integer, String> errorLevels = new HashMap<>();

        NumericDocValues ts;
        SortedDocValues services;
        SortedDocValues levels;
        SortedDocValues endpoints;
        NumericDocValues statuses;
        NumericDocValues durations;
        String[] serviceByOrd;
        boolean[] errorByLevelOrd;
        String[] endpointByOrd;

        Accumulator(long startMillis, long bucketMillis, int buckets) {
            this.startMillis = startMillis;
            this.bucketMillis = bucketMillis;
            this.buckets = buckets;
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
            serviceByOrd = services == null ? new String[0] : new String[services.getValueCount()];
            endpointByOrd = endpoints == null ? new String[0] : new String[endpoints.getValueCount()];
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
            int bucket = (int) ((ts.longValue() / 1_000_000L - startMillis) / bucketMillis);
            if (bucket < 0 || bucket >= buckets) {
                return;
            }
            int serviceOrd = services.ordValue();
            String service = serviceByOrd[serviceOrd];
            if (service == null) {
                service = serviceByOrd[serviceOrd] = services.lookupOrd(serviceOrd).utf8ToString();
            }
            ServiceCounts counts = logCounts.computeIfAbsent(service, s -> new ServiceCounts(buckets));
            counts.logs[bucket]++;
            if (levels != null && levels.advanceExact(doc) && errorByLevelOrd[levels.ordValue()]) {
                counts.errorLogs[bucket]++;
            }
            if (endpoints == null || !endpoints.advanceExact(doc) || durations == null || !durations.advanceExact(doc)) {
                return;
            }
            int endpointOrd = endpoints.ordValue();
            String endpoint = endpointByOrd[endpointOrd];
            if (endpoint == null) {
                endpoint = endpointByOrd[endpointOrd] = endpoints.lookupOrd(endpointOrd).utf8ToString();
            }
            boolean error = statuses != null && statuses.advanceExact(doc) && statuses.longValue() >= 500;
            Durations[] row = cells.computeIfAbsent(service, s -> new TreeMap<>())
                    .computeIfAbsent(endpoint, e -> new Durations[buckets]);
            Durations cell = row[bucket];
            if (cell == null) {
                cell = row[bucket] = new Durations();
            }
            cell.add(durations.longValue(), error);
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        RequestStats result(TimeRange range) {
            double seconds = range.lengthNanos() / 1e9;
            List<EndpointStats> endpointStats = new ArrayList<>();
            List<ServiceStats> serviceStats = new ArrayList<>();
            java.util.Set<String> allServices = new java.util.TreeSet<>(logCounts.keySet());
            allServices.addAll(cells.keySet());
            for (String service : allServices) {
                Map<String, Durations[]> byEndpoint = cells.getOrDefault(service, Map.of());
                Durations[] serviceRow = new Durations[buckets];
                for (Map.Entry<String, Durations[]> entry : byEndpoint.entrySet()) {
                    Durations[] row = entry.getValue();
                    Durations all = new Durations();
                    List<BucketStats> bucketStats = new ArrayList<>(buckets);
                    for (int b = 0; b < buckets; b++) {
                        Durations cell = row[b];
                        if (cell != null) {
                            for (int i = 0; i < cell.size; i++) {
                                all.add(cell.values[i], false);
                            }
                            all.errors += cell.errors;
                            Durations merged = serviceRow[b] == null ? (serviceRow[b] = new Durations()) : serviceRow[b];
                            for (int i = 0; i < cell.size; i++) {
                                merged.add(cell.values[i], false);
                            }
                            merged.errors += cell.errors;
                        }
                        bucketStats.add(bucket(b, cell));
                    }
                    LatencySummary latency = LatencySummary.of(all.values, all.size);
                    endpointStats.add(new EndpointStats(service, entry.getKey(), all.size, all.errors, all.size / seconds,
                            latency, List.copyOf(bucketStats)));
                }
                List<BucketStats> serviceBuckets = new ArrayList<>(buckets);
                Durations serviceAll = new Durations();
                for (int b = 0; b < buckets; b++) {
                    Durations cell = serviceRow[b];
                    if (cell != null) {
                        for (int i = 0; i < cell.size; i++) {
                            serviceAll.add(cell.values[i], false);
                        }
                        serviceAll.errors += cell.errors;
                    }
                    serviceBuckets.add(bucket(b, cell));
                }
                ServiceCounts counts = logCounts.getOrDefault(service, new ServiceCounts(buckets));
                long logs = 0;
                long errorLogs = 0;
                for (int b = 0; b < buckets; b++) {
                    logs += counts.logs[b];
                    errorLogs += counts.errorLogs[b];
                }
                serviceStats.add(new ServiceStats(service, serviceAll.size, serviceAll.errors, logs, errorLogs,
                        LatencySummary.of(serviceAll.values, serviceAll.size), List.copyOf(serviceBuckets),
                        counts.errorLogs, counts.logs));
            }
            return new RequestStats(range, bucketMillis, List.copyOf(serviceStats), List.copyOf(endpointStats));
        }

        private BucketStats bucket(int b, Durations cell) {
            long start = startMillis + b * bucketMillis;
            if (cell == null) {
                return new BucketStats(start, 0, 0, LatencySummary.EMPTY);
            }
            // Summarise a copy: the cell's array is merged into other totals afterwards.
            long[] copy = java.util.Arrays.copyOf(cell.values, cell.size);
            return new BucketStats(start, cell.size, cell.errors, LatencySummary.of(copy, cell.size));
        }
    }
}
