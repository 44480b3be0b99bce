package dev.vigil.api.receivers.gelf;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The GELF receivers' meters, shared by HTTP, TCP and UDP: {@code vigil.receiver.events{protocol="gelf",outcome}},
 * {@code vigil.receiver.rejected{protocol="gelf",reason}}, {@code vigil.receiver.bytes{protocol="gelf"}} and
 * {@code vigil.receiver.decode.seconds{protocol="gelf"}}.
 */
public final class GelfMeters {
    static final String PROTOCOL = "gelf";

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejectedEvents;
    private final Counter bytes;
    private final Timer decode;
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();

    public GelfMeters(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "accepted")
                .description("messages acknowledged by the journal").register(registry);
        this.rejectedEvents = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "rejected")
                .description("messages refused or dropped").register(registry);
        this.bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", PROTOCOL)
                .description("bytes received, as sent (compressed if compressed)").register(registry);
        this.decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", PROTOCOL)
                .description("time to decompress and decode one message").register(registry);
    }

    void accepted(long messages) {
        accepted.increment(messages);
    }

    /** One message refused or dropped for {@code reason}. */
    void rejected(String reason) {
        rejected(reason, 1);
    }

    void rejected(String reason, long messages) {
        if (messages <= 0) {
            return;
        }
        rejected.computeIfAbsent(reason, r -> Counter.builder("vigil.receiver.rejected").tag("protocol", PROTOCOL)
                .tag("reason", r).description("messages refused or dropped, by reason").register(registry)).increment(messages);
        rejectedEvents.increment(messages);
    }

    void bytes(long count) {
        bytes.increment(count);
    }

    void decodeNanos(long nanos) {
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }
}
