package dev.vigil.api.receivers.promrw;

import dev.vigil.api.receivers.ReceiverMeters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The receiver meters with {@code protocol="prometheus_remote_write"}; events are samples, and a
 * reason counts refused requests (for {@code invalid_series}, requests with refused series).
 */
final class RemoteWriteMeters extends ReceiverMeters {
    static final String PROTOCOL = "prometheus_remote_write";

    RemoteWriteMeters(MeterRegistry registry) {
        super(registry, PROTOCOL);
    }

    void rejectedSamples(long samples) {
        rejectedEvents(samples);
    }

    void decoded(long nanos) {
        decodeNanos(nanos);
    }
}
