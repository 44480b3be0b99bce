package dev.vigil.api.receivers.loki;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The Loki receiver's meters: {@code vigil.receiver.events{protocol="loki",outcome=accepted|rejected}}
 * (entries), {@code vigil.receiver.rejected{protocol="loki",reason}} (requests),
 * {@code vigil.receiver.bytes{protocol="loki"}} (request bodies as received, after HTTP
 * decompression) and {@code vigil.receiver.decode.seconds{protocol="loki"}}.
 */
final class LokiMeters {
    static final String PROTOCOL = "loki";

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejectedEntries;
    private final Counter bytes;
    private final Timer decode;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    LokiMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "accepted")
                .description("events acknowledged (in the journal)").register(registry);
        rejectedEntries = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "rejected")
                .description("events refused").register(registry);
        bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", PROTOCOL).description("bytes received").register(registry);
        decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", PROTOCOL).description("time to decode a batch")
                .register(registry);
    }

    void accepted(long entries) {
        accepted.increment(entries);
    }

    void rejectedEntries(long entries) {
        rejectedEntries.increment(entries);
    }

    void bytes(long count) {
        bytes.increment(count);
    }

    Timer decode() {
        return decode;
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("vigil.receiver.rejected").tag("protocol", PROTOCOL)
                .tag("reason", r).description("items or requests refused, by reason").register(registry)).increment();
    }
}
