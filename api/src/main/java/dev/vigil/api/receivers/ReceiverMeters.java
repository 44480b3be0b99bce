package dev.vigil.api.receivers;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters every protocol receiver keeps, tagged with its protocol:
 * {@code vigil.receiver.events{protocol,outcome}} (accepted = in the journal; rejected = refused or
 * dropped; other outcomes per receiver), {@code vigil.receiver.rejected{protocol,reason}},
 * {@code vigil.receiver.bytes{protocol}} and {@code vigil.receiver.decode.seconds{protocol}}.
 * Thread-safe. Receivers subclass it only to name their own counting rules.
 */
public class ReceiverMeters {
    private final MeterRegistry registry;
    private final String protocol;
    private final Counter accepted;
    private final Counter rejectedEvents;
    private final Counter bytes;
    private final Timer decode;
    private final ConcurrentHashMap<String, Counter> byReason = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> byOutcome = new ConcurrentHashMap<>();

    protected ReceiverMeters(MeterRegistry registry, String protocol) {
        this.registry = registry;
        this.protocol = protocol;
        this.accepted = outcomeCounter("accepted");
        this.rejectedEvents = outcomeCounter("rejected");
        this.bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", protocol)
                .description("bytes received by a protocol receiver").register(registry);
        this.decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", protocol)
                .description("time a protocol receiver spends decoding").register(registry);
    }

    public String protocol() {
        return protocol;
    }

    /** Events acknowledged: the journal holds them. */
    public void accepted(long events) {
        accepted.increment(events);
    }

    /** Events refused or dropped. */
    public void rejectedEvents(long events) {
        if (events > 0) {
            rejectedEvents.increment(events);
        }
    }

    /** Events with a receiver-specific outcome (e.g. syslog's "unparsed"). */
    public void outcome(String outcome, long events) {
        Counter counter = byOutcome.computeIfAbsent(outcome, this::outcomeCounter);
        if (events > 0) {
            counter.increment(events);
        }
    }

    /** One request, item or frame refused for {@code reason}. */
    public void rejected(String reason) {
        rejected(reason, 1);
    }

    public void rejected(String reason, long count) {
        Counter counter = reasonCounter(reason);
        if (count > 0) {
            counter.increment(count);
        }
    }

    /** Registers a reason up front so that it shows as 0 before the first occurrence. */
    protected void declare(String reason) {
        reasonCounter(reason);
    }

    public void bytes(long count) {
        bytes.increment(count);
    }

    public void decodeNanos(long nanos) {
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }

    public Timer decode() {
        return decode;
    }

    private Counter reasonCounter(String reason) {
        return byReason.computeIfAbsent(reason, r -> Counter.builder("vigil.receiver.rejected").tag("protocol", protocol)
                .tag("reason", r).description("requests, items or frames a protocol receiver refused, by reason").register(registry));
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder("vigil.receiver.events").tag("protocol", protocol).tag("outcome", outcome)
                .description("events received by a protocol receiver, by outcome").register(registry);
    }
}
