package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.InvalidFieldException;

import java.io.IOException;

/**
 * The {@code kind} field that {@link EventJson} writes first. Decoders must accept it so that
 * Vigil's own output can be posted back, yet {@code kind} is also a common attribute name
 * (Kubernetes objects, OpenTelemetry span kinds), so only an event kind label is claimed.
 *
 * <p>Stateless and thread-safe.
 */
final class KindField {
    static final String NAME = "kind";

    private KindField() {
    }

    /**
     * Consumes the current value if it is the label of {@code expected}, and refuses the label of
     * another event kind, which means the item was posted to the wrong endpoint.
     *
     * @return true when the value was consumed; false when it is no event kind and belongs to the
     * caller's handling of unknown fields
     * @throws InvalidFieldException naming {@code kind} when it names another event kind
     */
    static boolean accept(JsonParser p, EventKind expected) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return false;
        }
        String text = p.getText();
        if (text.equalsIgnoreCase(expected.label())) {
            return true;
        }
        for (EventKind other : EventKind.values()) {
            if (text.equalsIgnoreCase(other.label())) {
                throw new InvalidFieldException(NAME, "is '" + text + "' but this endpoint takes " + expected.label() + " events");
            }
        }
        return false;
    }
}
