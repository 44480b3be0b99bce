package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Timestamps;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Reads the value under the parser's current token as one of the shapes Vigil's JSON fields
 * take. Every method must be called with the parser on the value's first token, must leave it on
 * the value's last token (so that the caller's next {@code nextFieldName()} moves on), and names
 * the field as the client spelled it when the value has the wrong shape.
 *
 * <p>Stateless and thread-safe; the parsers passed in must not be shared.
 */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * A scalar as text: strings as they are, numbers as their JSON text, booleans as
     * {@code true}/{@code false}; {@code null} for JSON null. Numbers are accepted because clients
     * routinely send versions, hosts and ids as numbers and refusing them helps no one.
     */
    static String text(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            default -> throw new InvalidFieldException(field, "must be a string, not " + JsonSupport.describe(token));
        };
    }

    /**
     * A timestamp: an RFC 3339 string, or an epoch number (also as a string of digits) whose unit
     * is guessed by magnitude as in {@link Timestamps#fromEpochNumber}. JSON null returns
     * {@code current}, so that null means "not given".
     */
    static long timestamp(JsonParser p, String field, long current) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case VALUE_NULL:
                return current;
            case VALUE_NUMBER_INT:
                if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return Timestamps.fromEpochInteger(field, p.getLongValue());
                }
                return Timestamps.fromEpochNumber(field, p.getDoubleValue());
            case VALUE_NUMBER_FLOAT:
                return Timestamps.fromEpochNumber(field, p.getDoubleValue());
            case VALUE_STRING:
                return timestampText(field, p.getText());
            default:
                throw new InvalidFieldException(field, "must be an RFC 3339 string or an epoch number, not "
                        + JsonSupport.describe(token));
        }
    }

    private static long timestampText(String field, String text) {
        if (isDigits(text)) {
            try {
                return Timestamps.fromEpochInteger(field, Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new InvalidFieldException(field, "'" + SampleValues.shorten(text) + "' is too large for an epoch time");
            }
        }
        long fast = FastRfc3339.parse(text);
        return fast != FastRfc3339.NOT_FAST ? fast : Timestamps.parse(field, text);
    }

    static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the members of an {@code attributes}-style object to {@code into}, flattened as
     * {@link #flatten} does. JSON null adds nothing.
     */
    static void attributes(JsonParser p, String field, Map<String, String> into) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidFieldException(field, "must be an object, not " + JsonSupport.describe(token));
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            flatten(p, name, into);
        }
    }

    /**
     * Puts the value under {@code key} into {@code into} as text: scalars as {@link #text} does,
     * objects flattened into dotted keys ({@code {"http":{"status":500}}} becomes
     * {@code http.status=500}), arrays as their compact JSON text; null values are skipped, since an
     * attribute that is not there needs no entry.
     */
    static void flatten(JsonParser p, String key, Map<String, String> into) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                String name;
                while ((name = p.nextFieldName()) != null) {
                    p.nextToken();
                    flatten(p, key + "." + name, into);
                }
            }
            case START_ARRAY -> into.put(key, compactJson(p));
            case VALUE_NULL -> {
            }
            default -> into.put(key, text(p, key));
        }
    }

    /** Re-serializes the structure under the current token without whitespace. */
    private static String compactJson(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
