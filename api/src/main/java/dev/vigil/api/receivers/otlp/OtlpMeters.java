package dev.vigil.api.receivers.otlp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The OTLP receiver's meters: {@code vigil.receiver.events{protocol="otlp",outcome}} (items: log
 * records, data points, spans), {@code vigil.receiver.rejected{protocol="otlp",reason}},
 * {@code vigil.receiver.bytes{protocol="otlp"}} and {@code vigil.receiver.decode.seconds{protocol="otlp"}}.
 */
final class OtlpMeters {
    static final String PROTOCOL = "otlp";
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejectedItems;
    private final Counter bytes;
    private final Timer decode;
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();

    OtlpMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "accepted")
                .description("events acknowledged (in the journal)").register(registry);
        rejectedItems = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "rejected")
                .description("events refused").register(registry);
        bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", PROTOCOL).description("bytes received")
                .register(registry);
        decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", PROTOCOL)
                .description("time to decode a batch").register(registry);
    }

    void accepted(long items) {
        accepted.increment(items);
    }

    /** Items refused inside an otherwise stored request (partialSuccess). */
    void rejectedItems(long items) {
        if (items > 0) {
            rejectedItems.increment(items);
            reason("invalid_item").increment(items);
        }
    }

    /** A whole request refused for {@code reason}. */
    void rejectedRequest(String reason) {
        reason(reason).increment();
    }

    private Counter reason(String reason) {
        return rejected.computeIfAbsent(reason, r -> Counter.builder("vigil.receiver.rejected").tag("protocol", PROTOCOL)
                .tag("reason", r).description("items or requests refused, by reason").register(registry));
    }

    void bytes(long count) {
        bytes.increment(count);
    }

    void decodeNanos(long nanos) {
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }
}
