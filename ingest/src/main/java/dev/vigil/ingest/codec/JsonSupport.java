package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The one {@link JsonFactory} of the codecs, and the wording of JSON problems in error responses.
 *
 * <p>Thread-safe: a configured JsonFactory is safe to share, and sharing it lets Jackson reuse
 * its field-name symbol table and buffers across requests instead of rebuilding them per line.
 */
final class JsonSupport {
    /** Error messages must stay short; Jackson's can quote large parts of the input. */
    private static final int MAX_MESSAGE = 160;

    /**
     * Shared by all decoders and writers. Source inclusion is off so that error messages never
     * echo a client's body (it could be megabytes, or contain secrets) back into responses.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonSupport() {
    }

    /** {@code malformed JSON: <what Jackson reported>}, one line, no location dump. */
    static String malformed(JsonProcessingException e) {
        String reported = e.getOriginalMessage();
        if (reported == null) {
            reported = "unreadable input";
        }
        int cut = reported.indexOf('\n');
        if (cut >= 0) {
            reported = reported.substring(0, cut);
        }
        // Jackson appends where the unclosed object began; the line number already says that.
        cut = reported.indexOf(" (start marker at");
        if (cut >= 0) {
            reported = reported.substring(0, cut);
        }
        if (reported.length() > MAX_MESSAGE) {
            reported = reported.substring(0, MAX_MESSAGE) + "...";
        }
        return "malformed JSON: " + reported;
    }

    /** Names a JSON value type the way error messages do: "an object", "a string", ... */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }
}
