package dev.vigil.ingest.index;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Span;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns log, change and span events into Lucene documents following {@link IndexFields}.
 * Stateless and thread-safe. (Metric samples are not documents; see the metric store.)
 */
public final class DocumentMapper {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentMapper.class);

    private final DocumentEnricher enricher;
    private final AtomicLong enrichFailures = new AtomicLong();

    public DocumentMapper() {
        this(DocumentEnricher.NONE);
    }

    public DocumentMapper(DocumentEnricher enricher) {
        this.enricher = enricher;
    }

    /** Log events indexed without their derived fields because the enricher failed on them. */
    public long enrichFailures() {
        return enrichFailures.get();
    }

    public Document toDocument(Event event) {
        if (event instanceof LogEvent log) {
            return log(log);
        } else if (event instanceof ChangeEvent change) {
            return change(change);
        } else if (event instanceof Span span) {
            return span(span);
        }
        throw new IllegalArgumentException("not a document kind: " + event.kind());
    }

    private Document log(LogEvent log) {
        Document doc = base(IndexFields.KIND_LOG, log);
        keywordWithDocValues(doc, IndexFields.SERVICE, log.service());
        if (log.host() != null) {
            keyword(doc, IndexFields.HOST, log.host());
        }
        keywordWithDocValues(doc, IndexFields.LEVEL, log.level().name());
        doc.add(new TextField(IndexFields.MESSAGE, log.message(), Field.Store.NO));
        attributes(doc, log.attributes());
        accessLogFields(doc, log.attributes());
        try {
            enricher.enrichLog(log, doc);
        } catch (RuntimeException e) {
            // Derived fields are a convenience; a fault in deriving them must not keep the event
            // out of the index (or stop the indexer). The event is indexed without them.
            if (enrichFailures.getAndIncrement() == 0) {
                LOG.warn("log event indexed without derived fields (further failures are only counted): {}", e.toString(), e);
            }
        }
        return doc;
    }

    private Document change(ChangeEvent change) {
        Document doc = base(IndexFields.KIND_CHANGE, change);
        keywordWithDocValues(doc, IndexFields.SERVICE, change.service());
        keyword(doc, IndexFields.CHANGE_TYPE, change.type().label());
        keyword(doc, IndexFields.STATUS, change.status().label());
        if (change.version() != null) {
            keyword(doc, IndexFields.VERSION, change.version());
        }
        if (change.environment() != null) {
            keyword(doc, IndexFields.ENVIRONMENT, change.environment());
        }
        if (change.strategy() != null) {
            keyword(doc, IndexFields.STRATEGY, change.strategy());
        }
        if (change.description() != null) {
            doc.add(new TextField(IndexFields.MESSAGE, change.description(), Field.Store.NO));
        }
        attributes(doc, change.attributes());
        return doc;
    }

    private Document span(Span span) {
        Document doc = base(IndexFields.KIND_SPAN, span);
        keywordWithDocValues(doc, IndexFields.SERVICE, span.service());
        keyword(doc, IndexFields.TRACE_ID, span.traceId());
        keyword(doc, IndexFields.SPAN_ID, span.spanId());
        if (span.parentSpanId() != null) {
            keyword(doc, IndexFields.PARENT_SPAN_ID, span.parentSpanId());
        }
        keyword(doc, IndexFields.OPERATION, span.operation());
        doc.add(new SortedDocValuesField(IndexFields.ENDPOINT, new BytesRef(span.operation())));
        keyword(doc, IndexFields.STATUS, span.status().label());
        doc.add(new NumericDocValuesField(IndexFields.DURATION_US, span.durationNanos() / 1_000L));
        attributes(doc, span.attributes());
        return doc;
    }

    private static Document base(String kind, Event event) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.KIND, kind, Field.Store.NO));
        doc.add(new LongPoint(IndexFields.TS, event.timestampNanos()));
        doc.add(new NumericDocValuesField(IndexFields.TS, event.timestampNanos()));
        doc.add(new StoredField(IndexFields.SOURCE, BatchCodec.encode(event.kind(), List.of(event))));
        return doc;
    }

    private static void attributes(Document doc, Map<String, String> attributes) {
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String value = entry.getValue();
            if (value.length() <= IndexFields.MAX_KEYWORD_LENGTH) {
                doc.add(new StringField(IndexFields.attributeField(entry.getKey()), value, Field.Store.NO));
            }
        }
    }

    /** Doc values that request analytics reads without decoding the source. */
    private static void accessLogFields(Document doc, Map<String, String> attributes) {
        String route = IndexFields.firstPresent(attributes, IndexFields.ROUTE_ATTRIBUTES);
        if (route == null) {
            return;
        }
        String method = IndexFields.firstPresent(attributes, IndexFields.METHOD_ATTRIBUTES);
        String endpoint = method == null ? route : method + " " + route;
        doc.add(new SortedDocValuesField(IndexFields.ENDPOINT, new BytesRef(endpoint)));
        String status = IndexFields.firstPresent(attributes, IndexFields.STATUS_ATTRIBUTES);
        if (status != null) {
            long code = parseLong(status);
            if (code > 0) {
                doc.add(new NumericDocValuesField(IndexFields.HTTP_STATUS, code));
            }
        }
        String duration = IndexFields.firstPresent(attributes, IndexFields.DURATION_MS_ATTRIBUTES);
        if (duration != null) {
            try {
                double ms = Double.parseDouble(duration);
                if (ms >= 0 && Double.isFinite(ms)) {
                    doc.add(new NumericDocValuesField(IndexFields.DURATION_US, Math.round(ms * 1000.0)));
                }
            } catch (NumberFormatException ignored) {
                // Not a number: the attribute stays searchable as a keyword, just not aggregatable.
            }
        }
    }

    private static long parseLong(String text) {
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || i > 9) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void keyword(Document doc, String field, String value) {
        if (value.length() <= IndexFields.MAX_KEYWORD_LENGTH) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static void keywordWithDocValues(Document doc, String field, String value) {
        keyword(doc, field, value);
        doc.add(new SortedDocValuesField(field, new BytesRef(value)));
    }
}
