package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.Event;

import java.util.List;

/**
 * The outcome of decoding one request body: the events, or why the body was refused.
 *
 * <p>A body with any error must be rejected whole by the caller, so decoders return no events
 * once an error has been seen: when {@link #ok()} is false, {@link #events()} is empty. Only the
 * first {@link #MAX_ERRORS} errors are kept, so that a body of a million bad lines cannot produce
 * a million-line answer; {@link #errorCount()} still counts all of them.
 *
 * <p>Immutable and therefore safe to share between threads.
 *
 * @param events     the decoded events in body order; empty when there are errors
 * @param errors     the first {@link #MAX_ERRORS} errors in body order
 * @param errorCount how many errors there were in all; at least {@code errors.size()}
 * @param <T>        the event kind
 */
public record Decoded<T extends Event>(List<T> events, List<LineError> errors, int errorCount) {

    /** At most this many errors are kept. */
    public static final int MAX_ERRORS = 100;

    public Decoded {
        events = List.copyOf(events);
        errors = List.copyOf(errors);
        if (errors.size() > MAX_ERRORS) {
            throw new IllegalArgumentException("at most " + MAX_ERRORS + " errors may be kept, got " + errors.size());
        }
        if (errorCount < errors.size()) {
            throw new IllegalArgumentException("errorCount " + errorCount + " is less than the " + errors.size() + " errors kept");
        }
    }

    /** True when the body decoded without a single error and may be ingested. */
    public boolean ok() {
        return errorCount == 0;
    }
}
