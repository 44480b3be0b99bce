package dev.vigil.ingest.otlp;

import java.util.List;

import dev.vigil.ingest.model.Event;

/**
 * A decoded OTLP request: the events to store, how many items (log records, data points or spans)
 * were rejected, and the reason for the first rejection (for {@code partialSuccess.errorMessage}).
 */
public record OtlpBatch<T extends Event>(List<T> events, long items, long rejected, String firstError) {
    public OtlpBatch {
        events = List.copyOf(events);
    }

    public long accepted() {
        return items - rejected;
    }
}
