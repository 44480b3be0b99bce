package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one log object; the accepted fields are documented on {@link NativeJsonDecoder}.
 * Stateless and thread-safe.
 */
final class LogItemReader implements ItemReader<LogEvent> {

    @Override
    public LogEvent read(JsonParser p, long receivedNanos) throws IOException {
        ClientSpellings spellings = new ClientSpellings();
        long timestamp = receivedNanos;
        String service = null;
        String host = null;
        String level = null;
        String message = null;
        Map<String, String> attributes = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "timestamp", "@timestamp", "ts", "time" -> {
                    timestamp = JsonValues.timestamp(p, name, timestamp);
                    spellings.used("timestamp", name);
                }
                case "service", "service.name" -> {
                    service = JsonValues.text(p, name);
                    spellings.used("service", name);
                }
                case "host", "hostname" -> {
                    host = JsonValues.text(p, name);
                    spellings.used("host", name);
                }
                case "level", "severity", "lvl" -> {
                    level = JsonValues.text(p, name);
                    spellings.used("level", name);
                }
                case "message", "msg", "log", "line" -> {
                    message = JsonValues.text(p, name);
                    spellings.used("message", name);
                }
                case "attributes" -> {
                    attributes = attributes == null ? new HashMap<>() : attributes;
                    JsonValues.attributes(p, name, attributes);
                }
                default -> {
                    if (!name.equals(KindField.NAME) || !KindField.accept(p, EventKind.LOG)) {
                        // Flat documents (Elasticsearch style) carry their context as top-level fields.
                        attributes = attributes == null ? new HashMap<>() : attributes;
                        JsonValues.flatten(p, name, attributes);
                    }
                }
            }
        }
        try {
            return new LogEvent(timestamp, service, host, Level.parse(level), message, attributes);
        } catch (InvalidFieldException e) {
            throw spellings.respell(e);
        }
    }
}
