package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.Event;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the events and errors of one body while a decoder walks it, and applies the
 * {@link Decoded} rules: errors capped, events dropped once anything failed.
 *
 * <p>Not thread-safe: each decode call must use its own builder.
 */
final class DecodedBuilder<T extends Event> {
    static final String NO_EVENTS = "no events in request body";

    private final List<T> events = new ArrayList<>();
    private final List<LineError> errors = new ArrayList<>();
    private int errorCount;
    private int items;

    /** Records one decoded event. */
    void event(T event) {
        items++;
        // Once the body is known to be rejected, keeping events would only hold memory.
        if (errorCount == 0) {
            events.add(event);
        }
    }

    /** Records one refused item. */
    void error(int line, String field, String message) {
        items++;
        problem(line, field, message);
    }

    /** Records an error that is not an item of its own, such as trailing garbage after an array. */
    void problem(int line, String field, String message) {
        errorCount++;
        events.clear();
        if (errors.size() < Decoded.MAX_ERRORS) {
            errors.add(new LineError(line, field, message));
        }
    }

    /** Builds the result; a body without any item is an error of its own. */
    Decoded<T> build() {
        if (items == 0 && errorCount == 0) {
            problem(1, null, NO_EVENTS);
        }
        return new Decoded<>(events, errors, errorCount);
    }
}
