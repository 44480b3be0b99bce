package dev.vigil.ingest.model;

import java.util.Map;

/**
 * One log line.
 *
 * @param timestampNanos when it was logged, nanoseconds since the epoch
 * @param service        the emitting service; {@code "unknown"} when the shipper did not say
 * @param host           the emitting host, or {@code null}
 * @param level          severity
 * @param message        the line itself, as logged
 * @param attributes     free-form fields (route, status, duration_ms, trace_id, ...), sorted by key
 */
public record LogEvent(long timestampNanos, String service, String host, Level level, String message,
                       Map<String, String> attributes) implements Event {

    public static final String UNKNOWN_SERVICE = "unknown";

    public LogEvent {
        Checks.timestamp("timestamp", timestampNanos);
        service = service == null || service.isBlank() ? UNKNOWN_SERVICE : Checks.bounded("service", service, Checks.MAX_NAME);
        host = Checks.optional("host", host, Checks.MAX_NAME);
        level = level == null ? Level.INFO : level;
        if (message == null) {
            throw new InvalidFieldException("message", "is required");
        }
        Checks.bounded("message", message, Checks.MAX_TEXT);
        attributes = Checks.attributes("attributes", attributes);
    }

    @Override
    public EventKind kind() {
        return EventKind.LOG;
    }
}
