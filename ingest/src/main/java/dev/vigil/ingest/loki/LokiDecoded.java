package dev.vigil.ingest.loki;

import java.util.List;

import dev.vigil.ingest.model.LogEvent;

/**
 * The outcome of decoding one push request: its events, or why it was refused. A request with any
 * error must be refused whole, so {@link #events()} is empty whenever {@link #ok()} is false. At
 * most {@link #MAX_ERRORS} errors are kept; {@link #errorCount()} counts them all.
 *
 * @param events     the entries in request order (stream by stream)
 * @param errors     the first {@link #MAX_ERRORS} errors in request order
 * @param errorCount how many errors there were
 * @param entries    how many entries the request held (as far as it could be read)
 */
public record LokiDecoded(List<LogEvent> events, List<LokiError> errors, int errorCount, int entries) {
    public static final int MAX_ERRORS = 100;

    public LokiDecoded {
        events = List.copyOf(events);
        errors = List.copyOf(errors);
        if (!errors.isEmpty() && !events.isEmpty()) {
            throw new IllegalArgumentException("a refused request carries no events");
        }
        if (errorCount < errors.size()) {
            throw new IllegalArgumentException("errorCount " + errorCount + " < " + errors.size());
        }
    }

    public boolean ok() {
        return errorCount == 0;
    }
}
