package dev.vigil.rca.changes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.analytics.patterns.MessageMasker;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Reads a service's requests and warning lines in a range from one index snapshot.
 *
 * <p>A request is an access-log line: a log event with a status attribute (the names the index
 * recognises, {@code status}, {@code http.status_code}, ...); it failed when the status is 500 or
 * more, and its latency is its duration attribute ({@code duration_ms}, ...). When the service
 * logs no request in the range, its spans stand in (client spans and database calls left out);
 * a span failed when its status is {@code error} or its {@code http.status_code} is 5xx. Warning
 * lines are the service's other log lines at warn or above, keyed by the template id the index
 * gave them (resolved through merges), or by the masked message when templates are off.
 * Thread-safe (no state between calls).
 */
final class ServiceActivityReader {
    /** Bounds memory on pathological ranges; the verdict needs far fewer. */
    static final int MAX_EVENTS = 1_000_000;
    private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

    private final EventPipeline pipeline;
    private final TemplateCatalog templates;
    private final MessageMasker masker = new MessageMasker();

    ServiceActivityReader(EventPipeline pipeline, TemplateCatalog templates) {
        this.pipeline = pipeline;
        this.templates = templates;
    }

    ServiceActivity read(String service, TimeRange range) {
        List<ServiceActivity.Request> requests = new ArrayList<>();
        List<ServiceActivity.Warning> warnings = new ArrayList<>();
        long[] extent = {Long.MAX_VALUE, Long.MIN_VALUE};
        String source = "access_logs";
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            IndexSearcher searcher = snapshot.searcher();
            Map<String, LogTemplate> resolved = new TreeMap<>();
            scan(searcher, query(service, IndexFields.KIND_LOG, range), (event, templateId) -> {
                LogEvent log = (LogEvent) event;
                extent(extent, log.timestampNanos());
                ServiceActivity.Request request = request(log);
                if (request != null) {
                    requests.add(request);
                } else if (log.level().compareTo(Level.WARN) >= 0) {
                    warnings.add(warning(log, templateId, resolved));
                }
            });
            if (requests.isEmpty()) {
                List<ServiceActivity.Request> spans = new ArrayList<>();
                scan(searcher, query(service, IndexFields.KIND_SPAN, range), (event, templateId) -> {
                    Span span = (Span) event;
                    extent(extent, span.startNanos());
                    ServiceActivity.Request request = request(span);
                    if (request != null) {
                        spans.add(request);
                    }
                });
                requests.addAll(spans);
                source = spans.isEmpty() ? "none" : "spans";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests.sort(Comparator.comparingLong(ServiceActivity.Request::timestampNanos));
        warnings.sort(Comparator.comparingLong(ServiceActivity.Warning::timestampNanos));
        boolean none = extent[0] == Long.MAX_VALUE;
        return new ServiceActivity(requests, warnings, source, none ? -1 : extent[0], none ? -1 : extent[1]);
    }

    private static void extent(long[] extent, long nanos) {
        extent[0] = Math.min(extent[0], nanos);
        extent[1] = Math.max(extent[1], nanos);
    }

    private static Query query(String service, String kind, TimeRange range) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.SERVICE, service)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .build();
    }

    private interface Sink {
        void accept(Event event, String templateId);
    }

    private static void scan(IndexSearcher searcher, Query query, Sink sink) throws IOException {
        int[] seen = {0};
        searcher.search(query, new SimpleCollector() {
            private StoredFields stored;
            private SortedDocValues templateIds;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                stored = context.reader().storedFields();
                templateIds = context.reader().getSortedDocValues(IndexFields.TEMPLATE);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (seen[0]++ >= MAX_EVENTS) {
                    return;
                }
                BytesRef bytes = stored.document(doc, SOURCE_ONLY).getBinaryValue(IndexFields.SOURCE);
                Event event = BatchCodec.decode(bytes.bytes, bytes.offset, bytes.length).events().get(0);
                String templateId = templateIds != null && templateIds.advanceExact(doc)
                        ? templateIds.lookupOrd(templateIds.ordValue()).utf8ToString() : null;
                sink.accept(event, templateId);
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
    }

    private static ServiceActivity.Request request(LogEvent log) {
        String status = IndexFields.firstPresent(log.attributes(), IndexFields.STATUS_ATTRIBUTES);
        if (status == null) {
            return null;
        }
        long code;
        try {
            code = Long.parseLong(status.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        double latency = Double.NaN;
        String duration = IndexFields.firstPresent(log.attributes(), IndexFields.DURATION_MS_ATTRIBUTES);
        if (duration != null) {
            try {
                double ms = Double.parseDouble(duration.trim());
                latency = ms >= 0 && Double.isFinite(ms) ? ms : Double.NaN;
            } catch (NumberFormatException e) {
                // No latency for this request; it still counts for the error rate.
            }
        }
        return new ServiceActivity.Request(log.timestampNanos(), code >= 500, latency, sides(log.attributes()));
    }

    private static ServiceActivity.Request request(Span span) {
        Map<String, String> attributes = span.attributes();
        if (attributes.containsKey("db.system") || "client".equalsIgnoreCase(attributes.get("span.kind"))) {
            return null;
        }
        String status = IndexFields.firstPresent(attributes, IndexFields.STATUS_ATTRIBUTES);
        boolean serverError = false;
        if (status != null) {
            try {
                serverError = Long.parseLong(status.trim()) >= 500;
            } catch (NumberFormatException ignored) {
                // Not a number: the span's own status decides.
            }
        }
        return new ServiceActivity.Request(span.startNanos(), span.status() == SpanStatus.ERROR || serverError,
                span.durationNanos() / 1e6, sides(attributes));
    }

    private ServiceActivity.Warning warning(LogEvent log, String indexedId, Map<String, LogTemplate> resolved) {
        String id;
        String text;
        if (indexedId != null) {
            LogTemplate template = resolved.computeIfAbsent(indexedId, i -> {
                Optional<LogTemplate> found = templates.lookup(i);
                return found.orElseGet(() -> new LogTemplate(i, null, 0));
            });
            id = template.id();
            text = template.text();
        } else {
            text = masker.mask(log.message());
            id = "shape:" + text;
        }
        return new ServiceActivity.Warning(log.timestampNanos(), log.level(), id, text, log.message(), sides(log.attributes()));
    }

    private static Map<String, String> sides(Map<String, String> attributes) {
        Map<String, String> sides = null;
        for (String name : SideAttributes.NAMES) {
            String value = SideAttributes.valueOf(attributes, name);
            if (value != null) {
                if (sides == null) {
                    sides = new TreeMap<>();
                }
                sides.put(name, value);
            }
        }
        return sides == null ? Map.of() : sides;
    }
}
