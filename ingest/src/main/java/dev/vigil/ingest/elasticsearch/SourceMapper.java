package dev.vigil.ingest.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.codec.JsonProblems;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps one Elasticsearch source document to a {@link LogEvent}.
 *
 * <p>The document is flattened first: nested objects become dotted keys (so {@code {"host":{"name":"a"}}}
 * and {@code {"host.name":"a"}} are the same), arrays become their compact JSON text, nulls are
 * dropped, numbers and booleans become their JSON text. Then, first match wins:
 * <ul>
 *   <li>timestamp: {@code @timestamp} (see {@link EsTimestamps}; unparseable is an item error);
 *       missing: {@code timestamp} if it parses as a date, else the receive time;</li>
 *   <li>message: {@code message}, {@code log}, {@code msg}, {@code MESSAGE}; when none is there,
 *       the whole source JSON (as sent) is the message;</li>
 *   <li>service: {@code service.name}, {@code service}, {@code app}, {@code kubernetes.container.name},
 *       {@code kubernetes.container_name} (Fluent Bit),
 *       {@code PROGRAM};</li>
 *   <li>host: {@code host.name}, {@code host.hostname} (Logstash), {@code host}, {@code hostname}, {@code HOST};</li>
 *   <li>level: {@code log.level}, {@code level}, {@code severity}, {@code PRIORITY} (names as Vigil knows them,
 *       or syslog severity numbers 0-7); an unknown level gives {@code info} and the value stays
 *       an attribute under its own key.</li>
 * </ul>
 * The upper-case names are what syslog-ng's default {@code elasticsearch-http()} template sends.
 * The fields used are removed; all others become attributes, plus {@code index} (the target
 * index, which wins over a source field of that name) and {@code _id}.
 *
 * <p>Thread-safe: the factory is shared, parsers are per call.
 */
final class SourceMapper {
    static final String TIMESTAMP = "@timestamp";
    // The upper-case names are those of syslog-ng's default elasticsearch-http() template.
    private static final String[] MESSAGE = {"message", "log", "msg", "MESSAGE"};
    private static final String[] SERVICE = {"service.name", "service", "app", "kubernetes.container.name",
        "kubernetes.container_name", "PROGRAM"};
    private static final String[] HOST = {"host.name", "host.hostname", "host", "hostname", "HOST"};
    private static final String[] LEVEL = {"log.level", "level", "severity", "PRIORITY"};

    private final JsonFactory factory;

    SourceMapper(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * @throws InvalidFieldException naming the field as the document spells it
     * @throws NotAnObjectException  when the source is valid JSON but not an object
     * @throws IOException           on malformed JSON (including bad UTF-8)
     */
    LogEvent map(byte[] body, int offset, int length, String index, String id, long receivedNanos) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = factory.createParser(body, offset, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new NotAnObjectException(first);
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                if (p.nextToken() == JsonToken.START_OBJECT && name.equals(TIMESTAMP)) {
                    throw new InvalidFieldException(TIMESTAMP, "must be a date (string or epoch number), not an object");
                }
                flatten(p, name, fields);
            }
            if (p.nextToken() != null) {
                throw new NotAnObjectException(p.currentToken(), true);
            }
        }
        long timestamp = receivedNanos;
        String timestampText = fields.remove(TIMESTAMP);
        if (timestampText != null) {
            timestamp = EsTimestamps.parse(TIMESTAMP, timestampText, receivedNanos);
        } else if (fields.containsKey("timestamp")) {
            try {
                timestamp = EsTimestamps.parse("timestamp", fields.get("timestamp"), receivedNanos);
                fields.remove("timestamp");
            } catch (InvalidFieldException notADate) {
                // Not @timestamp: Elasticsearch would index it as text; keep it as an attribute.
            }
        }
        String messageField = first(fields, MESSAGE);
        String message = messageField == null
                ? new String(body, offset, length, StandardCharsets.UTF_8).trim()
                : fields.remove(messageField);
        String serviceField = first(fields, SERVICE);
        String service = serviceField == null ? null : fields.remove(serviceField);
        String hostField = first(fields, HOST);
        String host = hostField == null ? null : fields.remove(hostField);
        String levelField = first(fields, LEVEL);
        Level level = Level.INFO;
        if (levelField != null) {
            Level parsed = level(fields.get(levelField));
            if (parsed != null) {
                level = parsed;
                fields.remove(levelField);
            }
        }
        fields.put("index", index);
        fields.put("_id", id);
        try {
            return new LogEvent(timestamp, service, host, level, message, fields);
        } catch (InvalidFieldException e) {
            throw respell(e, messageField, serviceField, hostField);
        }
    }

    /** The model names fields its own way; name them as the document spells them. */
    private static InvalidFieldException respell(InvalidFieldException e, String messageField, String serviceField, String hostField) {
        String field = e.field();
        String written = switch (field) {
            case "message" -> messageField == null ? "message" : messageField;
            case "service" -> serviceField;
            case "host" -> hostField;
            default -> field.startsWith("attributes.") ? field.substring("attributes.".length()) : field;
        };
        if (written == null || written.equals(field)) {
            return e;
        }
        return new InvalidFieldException(written, e.reason());
    }

    private static String first(Map<String, String> fields, String[] names) {
        for (String name : names) {
            if (fields.containsKey(name)) {
                return name;
            }
        }
        return null;
    }

    /** A level Vigil knows, a syslog severity number, or {@code null}. */
    static Level level(String text) {
        String t = text.trim();
        if (t.length() == 1 && t.charAt(0) >= '0' && t.charAt(0) <= '7') {
            return switch (t.charAt(0)) {
                case '0', '1', '2' -> Level.FATAL;
                case '3' -> Level.ERROR;
                case '4' -> Level.WARN;
                case '5', '6' -> Level.INFO;
                default -> Level.DEBUG;
            };
        }
        try {
            return Level.parse(t);
        } catch (InvalidFieldException unknown) {
            return null;
        }
    }

    private void flatten(JsonParser p, String key, Map<String, String> into) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                String name;
                while ((name = p.nextFieldName()) != null) {
                    p.nextToken();
                    flatten(p, key + "." + name, into);
                }
            }
            case START_ARRAY -> {
                StringWriter out = new StringWriter();
                try (JsonGenerator g = factory.createGenerator(out)) {
                    g.copyCurrentStructure(p);
                }
                into.put(key, out.toString());
            }
            case VALUE_NULL -> {
            }
            case VALUE_TRUE -> into.put(key, "true");
            case VALUE_FALSE -> into.put(key, "false");
            default -> into.put(key, p.getText());
        }
    }

    /** The source is JSON, but not one object. */
    static final class NotAnObjectException extends IOException {
        NotAnObjectException(JsonToken found) {
            super("the source must be a JSON object, not " + JsonProblems.describe(found));
        }

        NotAnObjectException(JsonToken found, boolean trailing) {
            super("the source must be one JSON object, but " + JsonProblems.describe(found) + " follows it on the same line");
        }

    }
}
