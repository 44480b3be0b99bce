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

    static String malformed(JsonProcessingException e) {
        return JsonProblems.malformed(e);
    }

    static String describe(JsonToken token) {
        return JsonProblems.describe(token);
    }
}
