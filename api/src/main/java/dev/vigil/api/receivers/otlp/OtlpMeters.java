package dev.vigil.api.receivers.otlp;

import dev.vigil.api.receivers.ReceiverMeters;
import io.micrometer.core.instrument.MeterRegistry;

/** The receiver meters with {@code protocol="otlp"}; events are log records, data points and spans. */
final class OtlpMeters extends ReceiverMeters {
    static final String PROTOCOL = "otlp";

    OtlpMeters(MeterRegistry registry) {
        super(registry, PROTOCOL);
    }

    /** Items refused inside an otherwise stored request (partialSuccess). */
    void rejectedItems(long items) {
        if (items > 0) {
            rejectedEvents(items);
            rejected("invalid_item", items);
        }
    }

    /** A whole request refused for {@code reason}. */
    void rejectedRequest(String reason) {
        rejected(reason);
    }
}
