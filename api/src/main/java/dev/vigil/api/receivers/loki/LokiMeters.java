package dev.vigil.api.receivers.loki;

import dev.vigil.api.receivers.ReceiverMeters;
import io.micrometer.core.instrument.MeterRegistry;

/** The receiver meters with {@code protocol="loki"}; events are log entries. */
final class LokiMeters extends ReceiverMeters {
    static final String PROTOCOL = "loki";

    LokiMeters(MeterRegistry registry) {
        super(registry, PROTOCOL);
    }

    void rejectedEntries(long entries) {
        rejectedEvents(entries);
    }
}
