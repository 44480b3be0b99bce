package dev.vigil.ingest.index;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Lucene field layout, shared by the indexer and every reader. One index holds all kinds.
 *
 * <p>Every document has {@link #KIND} (keyword) and {@link #TS} (epoch nanoseconds, as a point for
 * range queries and as doc values for sorting and histograms). Log, change and span documents keep
 * the whole event in {@link #SOURCE} (a one-event {@code BatchCodec} record), so a hit decodes back
 * to the original event; nothing else is stored, which keeps indexing cheap.
 *
 * <p>Keyword fields are exact and case-sensitive; only {@link #MESSAGE} is analysed (tokenised and
 * lower-cased). Free-form attributes are indexed as keywords under their own names (so
 * {@code route:"/api/checkout"} works); a name that collides with a field below gets the prefix
 * {@code attr.}. Values longer than {@link #MAX_KEYWORD_LENGTH} are stored but not indexed.
 */
public final class IndexFields {
    public static final String KIND = "kind";
    public static final String TS = "ts";
    public static final String SOURCE = "_source";

    public static final String SERVICE = "service";
    public static final String HOST = "host";
    public static final String LEVEL = "level";
    public static final String MESSAGE = "message";

    /** Access-log events: {@code "METHOD route"} (doc values) when the event has a route or path. */
    public static final String ENDPOINT = "endpoint";
    /** Access-log events: HTTP status as a number (doc values). */
    public static final String HTTP_STATUS = "http_status";
    /** Access-log events and spans: duration in microseconds (doc values). */
    public static final String DURATION_US = "duration_us";

    /** Log events: the id of the log template the message belongs to (keyword and sorted doc values). */
    public static final String TEMPLATE = "template";
    /** Log events: the template's parameters in order, as keywords {@code param.1}, {@code param.2}, … */
    public static final String PARAM_PREFIX = "param.";

    /** Change events. */
    public static final String CHANGE_TYPE = "type";
    public static final String VERSION = "version";
    public static final String ENVIRONMENT = "environment";
    public static final String STRATEGY = "strategy";
    public static final String STATUS = "status";

    /** Spans. */
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String PARENT_SPAN_ID = "parent_span_id";
    public static final String OPERATION = "operation";

    /** Metric chunks: one document per finished chunk of one series. */
    public static final String METRIC_NAME = "__name__";
    public static final String LABEL_PREFIX = "label.";
    public static final String SERIES = "series";
    public static final String TS_END = "ts_end";
    public static final String CHUNK = "chunk";
    public static final String CHUNK_SEQ = "chunk_seq";

    public static final String ATTRIBUTE_PREFIX = "attr.";
    public static final int MAX_KEYWORD_LENGTH = 512;

    /** Kind values. */
    public static final String KIND_LOG = "log";
    public static final String KIND_METRIC = "metric";
    public static final String KIND_CHANGE = "change";
    public static final String KIND_SPAN = "span";

    /** Attribute names the access-log analytics reads, in order of preference (OpenTelemetry and ECS spellings too). */
    public static final List<String> ROUTE_ATTRIBUTES = List.of("route", "http.route", "path", "url.path", "http.target", "uri");
    public static final List<String> METHOD_ATTRIBUTES = List.of("method", "http.method", "http.request.method");
    public static final List<String> STATUS_ATTRIBUTES = List.of("status", "http.status_code", "http.response.status_code", "status_code");
    public static final List<String> DURATION_MS_ATTRIBUTES = List.of("duration_ms", "latency_ms", "response_time_ms", "elapsed_ms");

    private static final Set<String> RESERVED = Set.of(KIND, TS, SOURCE, SERVICE, HOST, LEVEL, MESSAGE, ENDPOINT,
            HTTP_STATUS, DURATION_US, TEMPLATE, METRIC_NAME, SERIES, TS_END, CHUNK, CHUNK_SEQ);

    private IndexFields() {
    }

    /** The field an attribute is indexed under. */
    public static String attributeField(String name) {
        return RESERVED.contains(name) || name.startsWith(LABEL_PREFIX) || name.startsWith(PARAM_PREFIX) ? ATTRIBUTE_PREFIX + name : name;
    }

    /** The field of a log template's parameter, 1-based. */
    public static String paramField(int position) {
        return PARAM_PREFIX + position;
    }

    public static String labelField(String label) {
        return LABEL_PREFIX + label;
    }

    /**
     * The value of the first of {@code names} that the attributes hold with a non-empty value, or
     * null: shippers spell the same field differently (see the *_ATTRIBUTES lists).
     */
    public static String firstPresent(Map<String, String> attributes, List<String> names) {
        for (String name : names) {
            String value = attributes.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
