package dev.vigil.api.http;

import java.util.EnumMap;
import java.util.Map;

import dev.vigil.ingest.model.EventKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts events accepted and rejected per kind: {@code vigil.ingest.events{kind,outcome}}. */
public final class IngestMeters {
    private final Map<EventKind, Counter> accepted = new EnumMap<>(EventKind.class);
    private final Map<EventKind, Counter> rejected = new EnumMap<>(EventKind.class);

    public IngestMeters(MeterRegistry registry) {
        for (EventKind kind : EventKind.values()) {
            accepted.put(kind, Counter.builder("vigil.ingest.events").tag("kind", kind.label()).tag("outcome", "accepted")
                    .description("events acknowledged (in the journal)").register(registry));
            rejected.put(kind, Counter.builder("vigil.ingest.requests.rejected").tag("kind", kind.label())
                    .description("ingest requests rejected as invalid").register(registry));
        }
    }

    void accepted(EventKind kind, long events) {
        accepted.get(kind).increment(events);
    }

    void rejected(EventKind kind, long requests) {
        rejected.get(kind).increment(requests);
    }
}
