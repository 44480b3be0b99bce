package dev.vigil.api.receivers.promrw;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The receiver's meters, shared names across protocols: {@code vigil.receiver.events{protocol,outcome}},
 * {@code vigil.receiver.rejected{protocol,reason}}, {@code vigil.receiver.bytes{protocol}},
 * {@code vigil.receiver.decode.seconds{protocol}}.
 */
final class RemoteWriteMeters {
    static final String PROTOCOL = "prometheus_remote_write";

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejectedSamples;
    private final Counter bytes;
    private final Timer decode;
    private final ConcurrentMap<String, Counter> rejectedBy = new ConcurrentHashMap<>();

    RemoteWriteMeters(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "accepted").register(registry);
        this.rejectedSamples = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "rejected").register(registry);
        this.bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", PROTOCOL).register(registry);
        this.decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", PROTOCOL).register(registry);
    }

    void accepted(long samples) {
        accepted.increment(samples);
    }

    void rejectedSamples(long samples) {
        if (samples > 0) {
            rejectedSamples.increment(samples);
        }
    }

    /** One refused request (or, for {@code invalid_series}, one request with refused series). */
    void rejected(String reason) {
        rejectedBy.computeIfAbsent(reason, r -> Counter.builder("vigil.receiver.rejected").tag("protocol", PROTOCOL)
                .tag("reason", r).register(registry)).increment();
    }

    void bytes(long received) {
        bytes.increment(received);
    }

    void decoded(long nanos) {
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }
}
