package dev.vigil.api.receivers.elasticsearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The receiver metrics with {@code protocol="elasticsearch"}: {@code vigil.receiver.events{outcome}}
 * (accepted = in the journal; rejected = items answered with an error),
 * {@code vigil.receiver.rejected{reason}} (an item error type, or why a whole request was refused),
 * {@code vigil.receiver.bytes} (request bodies after decompression), {@code vigil.receiver.decode.seconds}.
 */
final class EsMeters {
    static final String PROTOCOL = "elasticsearch";
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejectedEvents;
    private final Counter bytes;
    private final Timer decode;

    EsMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "accepted")
                .description("events received by a protocol receiver").register(registry);
        rejectedEvents = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "rejected")
                .description("events received by a protocol receiver").register(registry);
        bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", PROTOCOL)
                .description("request bytes received by a protocol receiver").register(registry);
        decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", PROTOCOL)
                .description("time spent decoding requests").register(registry);
    }

    void accepted(long events) {
        accepted.increment(events);
    }

    void rejectedEvents(long events) {
        rejectedEvents.increment(events);
    }

    void rejected(String reason) {
        Counter.builder("vigil.receiver.rejected").tag("protocol", PROTOCOL).tag("reason", reason)
                .description("requests or items refused by a protocol receiver").register(registry).increment();
    }

    void bytes(long count) {
        bytes.increment(count);
    }

    void decoded(long nanos) {
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }
}
