package dev.vigil.ingest.gelf;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.codec.JsonProblems;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

/**
 * Decodes one GELF 1.1 message (a JSON object, already decompressed) into a {@link LogEvent}.
 *
 * <ul>
 * <li>required: {@code version} ("1.1"), {@code host}, {@code short_message};</li>
 * <li>{@code full_message} is kept as the attribute {@code full_message};</li>
 * <li>{@code timestamp}: seconds since the epoch with an optional fraction (default: when received);</li>
 * <li>{@code level}: syslog severity 0-7 (default 1, alert, as the spec says), mapped to {@link Level};</li>
 * <li>additional fields {@code _name} become attributes {@code name} ({@code _id} becomes {@code gelf_id});
 *     strings, numbers and booleans as their text, objects and arrays as their JSON text;
 *     {@code facility}, {@code file}, {@code line} (deprecated) are kept as attributes too;</li>
 * <li>service: {@code _service}, else {@code _app}, {@code _application_name}, {@code _program} (sent by
 *     syslog-ng's graylog2()), {@code facility} (or {@code _facility}), else "unknown".</li>
 * </ul>
 * Every refusal is a {@link GelfException} naming the field. Thread-safe.
 */
public final class GelfDecoder {
    /** The additional field name rule of the GELF spec. */
    private static final Pattern FIELD_NAME = Pattern.compile("[\\w.\\-]+");
    private static final int MAX_ERROR_TEXT = 120;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /**
     * @param json           one GELF message, UTF-8 JSON
     * @param receivedNanos  used when the message has no {@code timestamp}
     * @throws GelfException naming the field or the JSON problem
     */
    public LogEvent decode(byte[] json, long receivedNanos) {
        Map<String, String> attributes = new HashMap<>();
        String version = null;
        String host = null;
        String shortMessage = null;
        Long timestamp = null;
        Level level = null;
        String service = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new GelfException("malformed_json", null,
                        "a GELF message must be a JSON object, got " + (first == null ? "nothing" : JsonProblems.describe(first)));
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "version" -> version = string(parser, value, name, true);
                    case "host" -> host = string(parser, value, name, true);
                    case "short_message" -> shortMessage = string(parser, value, name, true);
                    case "full_message" -> putIfPresent(attributes, "full_message", string(parser, value, name, false));
                    case "timestamp" -> timestamp = value == JsonToken.VALUE_NULL ? null : timestamp(parser, value);
                    case "level" -> level = value == JsonToken.VALUE_NULL ? null : level(parser, value);
                    default -> additional(parser, value, name, attributes);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new GelfException("malformed_json", null, "malformed JSON: object is not closed");
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new GelfException("malformed_json", null,
                        "malformed JSON: unexpected " + JsonProblems.describe(trailing) + " after the message object");
            }
        } catch (JsonProcessingException e) {
            throw new GelfException("malformed_json", null, JsonProblems.malformed(e));
        } catch (IOException e) {
            throw new GelfException("malformed_json", null, "unreadable JSON: " + e.getMessage());
        }
        if (version == null) {
            throw new GelfException("missing_field", "version", "is required (\"1.1\")");
        }
        if (!"1.1".equals(version)) {
            throw new GelfException("invalid_field", "version", "must be \"1.1\", got \"" + shorten(version) + "\"");
        }
        if (host == null) {
            throw new GelfException("missing_field", "host", "is required");
        }
        if (shortMessage == null) {
            throw new GelfException("missing_field", "short_message", "is required");
        }
        service = attributes.remove("service");
        if (service == null) {
            service = firstNonBlank(attributes, "app", "application_name", "program", "facility");
        }
        try {
            return new LogEvent(timestamp == null ? receivedNanos : timestamp, service, host,
                    level == null ? Level.FATAL : level, shortMessage, attributes);
        } catch (InvalidFieldException e) {
            throw new GelfException(e.getMessage().contains("longer than") ? "too_large" : "invalid_field",
                    gelfName(e.field()), e.reason());
        }
    }

    private static void additional(JsonParser parser, JsonToken value, String name, Map<String, String> attributes)
            throws IOException {
        boolean underscored = name.startsWith("_");
        String key = underscored ? name.substring(1) : name;
        if (underscored && !FIELD_NAME.matcher(key).matches()) {
            throw new GelfException("invalid_field", shorten(name),
                    "additional field names may only contain letters, digits, '_', '.' and '-'");
        }
        if (underscored && key.equals("id")) {
            key = "gelf_id";
        }
        switch (value) {
            case VALUE_STRING -> putIfPresent(attributes, key, parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> attributes.put(key, parser.getText());
            case VALUE_NULL -> {
            }
            default -> {
                if (!underscored) {
                    parser.skipChildren(); // unknown top-level structures are not ours to judge
                    return;
                }
                // Like Graylog: a structured additional field is kept as its JSON text.
                java.io.StringWriter text = new java.io.StringWriter();
                try (com.fasterxml.jackson.core.JsonGenerator generator = FACTORY.createGenerator(text)) {
                    generator.copyCurrentStructure(parser);
                }
                attributes.put(key, text.toString());
            }
        }
    }

    private static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    private static String string(JsonParser parser, JsonToken value, String name, boolean required) throws IOException {
        if (value == JsonToken.VALUE_NULL && !required) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            throw new GelfException("invalid_field", name, "must be a string, got " + JsonProblems.describe(value));
        }
        String text = parser.getText();
        if (required && text.isBlank()) {
            throw new GelfException("invalid_field", name, "must not be empty");
        }
        return text;
    }

    private static long timestamp(JsonParser parser, JsonToken value) throws IOException {
        BigDecimal seconds;
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            seconds = parser.getDecimalValue();
        } else if (value == JsonToken.VALUE_STRING) {
            try {
                seconds = new BigDecimal(parser.getText().trim());
            } catch (NumberFormatException e) {
                throw new GelfException("invalid_field", "timestamp",
                        "must be seconds since the epoch (e.g. 1385053862.3072), got \"" + shorten(parser.getText()) + "\"");
            }
        } else {
            parser.skipChildren();
            throw new GelfException("invalid_field", "timestamp", "must be a number of seconds since the epoch, got " + JsonProblems.describe(value));
        }
        // Up to year 2262 fits in a long of nanoseconds.
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(9_000_000_000L)) > 0) {
            throw new GelfException("invalid_field", "timestamp", "must be seconds since the epoch between 1970 and 2255, got "
                    + shorten(seconds.toPlainString()));
        }
        long nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        if (nanos <= 0) {
            throw new GelfException("invalid_field", "timestamp", "must be after 1970-01-01T00:00:00Z");
        }
        return nanos;
    }

    private static Level level(JsonParser parser, JsonToken value) throws IOException {
        int severity;
        if (value == JsonToken.VALUE_NUMBER_INT) {
            severity = parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : -1;
        } else if (value == JsonToken.VALUE_STRING) {
            try {
                severity = Integer.parseInt(parser.getText().trim());
            } catch (NumberFormatException e) {
                severity = -1;
            }
        } else {
            parser.skipChildren();
            throw new GelfException("invalid_field", "level", "must be a syslog severity 0-7, got " + JsonProblems.describe(value));
        }
        return switch (severity) {
            case 0, 1, 2 -> Level.FATAL; // emergency, alert, critical
            case 3 -> Level.ERROR;
            case 4 -> Level.WARN;
            case 5, 6 -> Level.INFO; // notice, informational
            case 7 -> Level.DEBUG;
            default -> throw new GelfException("invalid_field", "level",
                    "must be a syslog severity 0-7, got " + shorten(parser.getText()));
        };
    }

    private static String firstNonBlank(Map<String, String> attributes, String... keys) {
        for (String key : keys) {
            String value = attributes.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Maps event-model field names back to the GELF spelling. */
    private static String gelfName(String field) {
        if (field == null) {
            return null;
        }
        if (field.equals("message")) {
            return "short_message";
        }
        if (field.equals("service")) {
            return "_service";
        }
        if (field.startsWith("attributes.")) {
            String key = field.substring("attributes.".length());
            return switch (key) {
                case "full_message", "facility", "file", "line" -> key;
                case "gelf_id" -> "_id";
                default -> "_" + shorten(key);
            };
        }
        return field;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }
}
