package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/** How every JSON decoder words JSON problems in error responses: short, one line, no input echoed. */
public final class JsonProblems {
    /** Error messages must stay short; Jackson's can quote large parts of the input. */
    private static final int MAX_MESSAGE = 160;

    private JsonProblems() {
    }

    /** {@code malformed JSON: <what Jackson reported>}, one line, no location dump. */
    public static String malformed(JsonProcessingException e) {
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
    public static String describe(JsonToken token) {
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
