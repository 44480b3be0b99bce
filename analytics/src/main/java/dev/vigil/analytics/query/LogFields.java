package dev.vigil.analytics.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;

/**
 * The fields of a log event as the query language names them, read from the decoded event:
 * {@code timestamp}, {@code service}, {@code host}, {@code level} (lower case), {@code message},
 * the derived {@code endpoint}, {@code http_status} and {@code duration_ms} (by the same rules as
 * the indexer), and every attribute under its own name (or {@code attr.NAME} when the name is one
 * of these). Stateless and thread-safe.
 */
final class LogFields {
    static final String TIMESTAMP = "timestamp";
    static final String DURATION_MS = "duration_ms";
    static final String TEMPLATE_TEXT = "template_text";
    private static final java.util.Set<String> OWN = java.util.Set.of(TIMESTAMP, "ts", IndexFields.SERVICE, IndexFields.HOST,
            IndexFields.LEVEL, IndexFields.MESSAGE, IndexFields.ENDPOINT, IndexFields.HTTP_STATUS, DURATION_MS,
            IndexFields.TEMPLATE, TEMPLATE_TEXT);

    private LogFields() {
    }

    static Object value(LogEvent event, String field) {
        switch (field) {
            case TIMESTAMP, "ts":
                return Timestamps.toInstant(event.timestampNanos());
            case IndexFields.SERVICE:
                return event.service();
            case IndexFields.HOST:
                return event.host();
            case IndexFields.LEVEL:
                return level(event);
            case IndexFields.MESSAGE:
                return event.message();
            case IndexFields.ENDPOINT:
                return endpoint(event.attributes());
            case IndexFields.HTTP_STATUS: {
                String status = IndexFields.firstPresent(event.attributes(), IndexFields.STATUS_ATTRIBUTES);
                double code = status == null ? Double.NaN : Values.parseNumber(status);
                return Double.isNaN(code) || code <= 0 || code != Math.rint(code) ? null : (long) code;
            }
            case DURATION_MS: {
                String duration = IndexFields.firstPresent(event.attributes(), IndexFields.DURATION_MS_ATTRIBUTES);
                double ms = duration == null ? Double.NaN : Values.parseNumber(duration);
                return Double.isNaN(ms) || ms < 0 ? null : ms;
            }
            default:
                if (field.startsWith(IndexFields.ATTRIBUTE_PREFIX)) {
                    String own = event.attributes().get(field);
                    return own != null ? own : event.attributes().get(field.substring(IndexFields.ATTRIBUTE_PREFIX.length()));
                }
                return event.attributes().get(field);
        }
    }

    /** The event as an output row: its own fields first, then its attributes. */
    static LinkedHashMap<String, Object> row(LogEvent event) {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        row.put(TIMESTAMP, Timestamps.toInstant(event.timestampNanos()));
        row.put(IndexFields.SERVICE, event.service());
        if (event.host() != null) {
            row.put(IndexFields.HOST, event.host());
        }
        row.put(IndexFields.LEVEL, level(event));
        row.put(IndexFields.MESSAGE, event.message());
        for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
            String name = attribute.getKey();
            row.put(OWN.contains(name) ? IndexFields.ATTRIBUTE_PREFIX + name : name, attribute.getValue());
        }
        return row;
    }

    private static String level(LogEvent event) {
        return event.level().name().toLowerCase(Locale.ROOT);
    }

    private static String endpoint(Map<String, String> attributes) {
        String route = IndexFields.firstPresent(attributes, IndexFields.ROUTE_ATTRIBUTES);
        if (route == null) {
            return null;
        }
        String method = IndexFields.firstPresent(attributes, IndexFields.METHOD_ATTRIBUTES);
        return method == null ? route : method + " " + route;
    }
}
