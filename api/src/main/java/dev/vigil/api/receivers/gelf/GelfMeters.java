package dev.vigil.api.receivers.gelf;


import dev.vigil.api.receivers.ReceiverMeters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The GELF receivers' meters, shared by HTTP, TCP and UDP: {@code vigil.receiver.events{protocol="gelf",outcome}},
 * {@code vigil.receiver.rejected{protocol="gelf",reason}}, {@code vigil.receiver.bytes{protocol="gelf"}} and
 * {@code vigil.receiver.decode.seconds{protocol="gelf"}}.
 */
public final class GelfMeters extends ReceiverMeters {
    static final String PROTOCOL = "gelf";

    public GelfMeters(MeterRegistry registry) {
        super(registry, PROTOCOL);
    }

    /** Messages refused or dropped for {@code reason}: counted by reason and as rejected events. */
    @Override
    public void rejected(String reason, long messages) {
        if (messages <= 0) {
            return;
        }
        super.rejected(reason, messages);
        rejectedEvents(messages);
    }
}
