package dev.vigil.api.receivers.elasticsearch;

import dev.vigil.api.receivers.ReceiverMeters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The receiver meters with {@code protocol="elasticsearch"}: rejected events are items answered with
 * an error; a reason is an item error type, or why a whole request was refused; bytes are request
 * bodies after decompression.
 */
final class EsMeters extends ReceiverMeters {
    static final String PROTOCOL = "elasticsearch";

    EsMeters(MeterRegistry registry) {
        super(registry, PROTOCOL);
    }

    void decoded(long nanos) {
        decodeNanos(nanos);
    }
}
