package dev.vigil.analytics.bottlenecks;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.ingest.index.IndexFields;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Collects the durations of access-log events per endpoint and bucket, reading only doc values
 * ({@code ts, service, endpoint, http_status, duration_us}) segment by segment. Events without an
 * endpoint or a duration are not requests and are skipped. Not thread-safe: one search at a time.
 */
final class AccessLogCollector extends SimpleCollector {
    private final BucketLayout layout;
    private final Map<EndpointKey, EndpointSamples> samples = new TreeMap<>();

    private NumericDocValues ts;
    private SortedDocValues services;
    private SortedDocValues endpoints;
    private NumericDocValues statuses;
    private NumericDocValues durations;
    // Ordinals are per segment: resolve each once per segment, not once per document.
    private String[] serviceByOrd;
    private EndpointSamples[][] cellsByOrds;

    AccessLogCollector(BucketLayout layout) {
        this.layout = layout;
    }

    Map<EndpointKey, EndpointSamples> samples() {
        return samples;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        var reader = context.reader();
        ts = reader.getNumericDocValues(IndexFields.TS);
        services = reader.getSortedDocValues(IndexFields.SERVICE);
        endpoints = reader.getSortedDocValues(IndexFields.ENDPOINT);
        statuses = reader.getNumericDocValues(IndexFields.HTTP_STATUS);
        durations = reader.getNumericDocValues(IndexFields.DURATION_US);
        serviceByOrd = services == null ? new String[0] : new String[(int) services.getValueCount()];
        cellsByOrds = new EndpointSamples[serviceByOrd.length][];
    }

    @Override
    public void collect(int doc) throws IOException {
        if (ts == null || services == null || endpoints == null || durations == null
                || !ts.advanceExact(doc) || !endpoints.advanceExact(doc) || !durations.advanceExact(doc)
                || !services.advanceExact(doc)) {
            return;
        }
        int bucket = layout.index(ts.longValue());
        if (bucket < 0) {
            return;
        }
        int serviceOrd = services.ordValue();
        int endpointOrd = endpoints.ordValue();
        EndpointSamples[] row = cellsByOrds[serviceOrd];
        if (row == null) {
            row = cellsByOrds[serviceOrd] = new EndpointSamples[(int) endpoints.getValueCount()];
            serviceByOrd[serviceOrd] = services.lookupOrd(serviceOrd).utf8ToString();
        }
        EndpointSamples cell = row[endpointOrd];
        if (cell == null) {
            EndpointKey key = new EndpointKey(serviceByOrd[serviceOrd], endpoints.lookupOrd(endpointOrd).utf8ToString());
            cell = row[endpointOrd] = samples.computeIfAbsent(key, k -> new EndpointSamples(layout.size()));
        }
        boolean error = statuses != null && statuses.advanceExact(doc) && statuses.longValue() >= 500;
        cell.add(bucket, durations.longValue(), error);
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
