package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.InvalidFieldException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one change object; the accepted fields are documented on {@link NativeJsonDecoder}.
 * Stateless and thread-safe.
 */
final class ChangeItemReader implements ItemReader<ChangeEvent> {

    @Override
    public ChangeEvent read(JsonParser p, long receivedNanos) throws IOException {
        ClientSpellings spellings = new ClientSpellings();
        long timestamp = receivedNanos;
        String type = null;
        String service = null;
        String version = null;
        String environment = null;
        String strategy = null;
        String status = null;
        String description = null;
        Map<String, String> attributes = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "timestamp", "@timestamp", "ts", "time" -> {
                    timestamp = JsonValues.timestamp(p, name, timestamp);
                    spellings.used("timestamp", name);
                }
                case "type" -> type = JsonValues.text(p, name);
                case "service" -> service = JsonValues.text(p, name);
                case "version" -> version = JsonValues.text(p, name);
                case "environment", "env" -> {
                    environment = JsonValues.text(p, name);
                    spellings.used("environment", name);
                }
                case "strategy" -> strategy = JsonValues.text(p, name);
                case "status" -> status = JsonValues.text(p, name);
                case "description", "message" -> {
                    description = JsonValues.text(p, name);
                    spellings.used("description", name);
                }
                case "attributes" -> {
                    attributes = attributes == null ? new HashMap<>() : attributes;
                    JsonValues.attributes(p, name, attributes);
                }
                default -> {
                    if (!name.equals(KindField.NAME) || !KindField.accept(p, EventKind.CHANGE)) {
                        // Deploy tools send commit, author, ticket... as top-level fields.
                        attributes = attributes == null ? new HashMap<>() : attributes;
                        JsonValues.flatten(p, name, attributes);
                    }
                }
            }
        }
        try {
            return new ChangeEvent(timestamp, ChangeType.parse(type), service, version, environment, strategy,
                    ChangeStatus.parse(status), description, attributes);
        } catch (InvalidFieldException e) {
            throw spellings.respell(e);
        }
    }
}
