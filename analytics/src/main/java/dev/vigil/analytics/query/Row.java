package dev.vigil.analytics.query;

import java.util.Map;

/**
 * One row flowing through a pipeline: an event (its fields read on demand) or a row of a table
 * made by {@code stats}/{@code timechart}. Values follow {@link Values}. Rows are not
 * thread-safe, and a row handed to a stage is only valid during that call: a stage that keeps
 * rows must keep {@link #snapshot()}s.
 */
public interface Row {

    /** The field's value, or null when the row does not have it. */
    Object get(String field);

    /** The event time in epoch nanoseconds, or {@link Long#MIN_VALUE} when the row has none. */
    long timestampNanos();

    /** Sets a field (null removes it). */
    void set(String field, Object value);

    /** An independent copy with every field in output order. */
    MapRow snapshot();

    /** Every field in output order. */
    default Map<String, Object> fields() {
        return snapshot().values();
    }
}
