package dev.vigil.analytics.query;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.vigil.ingest.model.LogEvent;

/**
 * A row held in memory: a table row, or an event row a stage had to keep. A kept event row still
 * answers for the event's derived fields ({@code duration_ms}, {@code endpoint},
 * {@code http_status}, any attribute) that its output fields leave out. Not thread-safe.
 */
public final class MapRow implements Row {
    private final LinkedHashMap<String, Object> values;
    private final long timestampNanos;
    private final LogEvent event;
    private Set<String> removed;

    MapRow(LinkedHashMap<String, Object> values, long timestampNanos) {
        this(values, timestampNanos, null, null);
    }

    MapRow(LinkedHashMap<String, Object> values, long timestampNanos, LogEvent event, Set<String> removed) {
        this.values = values;
        this.timestampNanos = timestampNanos;
        this.event = event;
        this.removed = removed;
    }

    @Override
    public Object get(String field) {
        Object value = values.get(field);
        if (value != null || event == null || values.containsKey(field) || (removed != null && removed.contains(field))) {
            return value;
        }
        return LogFields.value(event, field);
    }

    @Override
    public long timestampNanos() {
        return timestampNanos;
    }

    @Override
    public void set(String field, Object value) {
        if (value == null) {
            values.remove(field);
            if (event != null) {
                if (removed == null) {
                    removed = new HashSet<>();
                }
                removed.add(field);
            }
        } else {
            values.put(field, value);
            if (removed != null) {
                removed.remove(field);
            }
        }
    }

    @Override
    public MapRow snapshot() {
        return new MapRow(new LinkedHashMap<>(values), timestampNanos, event, removed == null ? null : new HashSet<>(removed));
    }

    /** The fields in output order; the map is this row's own (changing it changes the row). */
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
