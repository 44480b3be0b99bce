package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.InvalidFieldException;

import java.io.IOException;

/**
 * Turns one JSON object of a request body into one event.
 *
 * <p>Implementations must be stateless and thread-safe: one instance serves all requests.
 *
 * @param <T> the event kind produced
 */
interface ItemReader<T extends Event> {

    /**
     * Reads the object whose {@code START_OBJECT} is the parser's current token. On success the
     * parser must be left on that object's {@code END_OBJECT}; on failure it may be left anywhere
     * inside the object, and the caller must skip the rest.
     *
     * @param receivedNanos the timestamp to use when the object has none
     * @throws InvalidFieldException naming the field as the client wrote it
     * @throws IOException           on malformed JSON
     */
    T read(JsonParser p, long receivedNanos) throws IOException;
}
