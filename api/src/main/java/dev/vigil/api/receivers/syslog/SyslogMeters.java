package dev.vigil.api.receivers.syslog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;

/**
 * The syslog receivers' meters, shared by TCP and UDP: {@code vigil.receiver.events{protocol="syslog",
 * outcome="accepted"|"unparsed"}} (both are stored; {@code unparsed} ones as raw text with
 * {@code syslog.parse_error}), {@code vigil.receiver.rejected{protocol="syslog",reason}},
 * {@code vigil.receiver.bytes{protocol="syslog"}} and {@code vigil.receiver.decode.seconds{protocol="syslog"}}.
 */
final class SyslogMeters {
    static final String PROTOCOL = "syslog";
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter unparsed;
    private final Counter bytes;
    private final Timer decode;
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    SyslogMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "accepted")
                .description("events acknowledged (in the journal)").register(registry);
        unparsed = Counter.builder("vigil.receiver.events").tag("protocol", PROTOCOL).tag("outcome", "unparsed")
                .description("events stored as raw text because they were not valid syslog").register(registry);
        bytes = Counter.builder("vigil.receiver.bytes").tag("protocol", PROTOCOL).description("bytes received")
                .register(registry);
        decode = Timer.builder("vigil.receiver.decode.seconds").tag("protocol", PROTOCOL).description("time to decode a batch")
                .register(registry);
        for (String reason : new String[] {"overloaded", "frame_too_long", "bad_framing", "truncated", "internal"}) {
            rejected(reason);
        }
    }

    void stored(long parsed, long raw) {
        accepted.increment(parsed);
        unparsed.increment(raw);
    }

    void bytes(long count) {
        bytes.increment(count);
    }

    Timer decode() {
        return decode;
    }

    void rejected(String reason, long count) {
        rejected(reason).increment(count);
    }

    private Counter rejected(String reason) {
        return rejected.computeIfAbsent(reason, r -> Counter.builder("vigil.receiver.rejected").tag("protocol", PROTOCOL)
                .tag("reason", r).description("messages or frames not stored, by reason").register(registry));
    }

    /** Logs a warning at most once per 10 s per key, saying how many similar ones were not logged. */
    void warnRateLimited(Logger log, String key, String message) {
        long now = System.nanoTime();
        AtomicLong last = lastLogged.computeIfAbsent(key, k -> new AtomicLong(now - LOG_INTERVAL_NANOS - 1));
        AtomicLong skipped = suppressed.computeIfAbsent(key, k -> new AtomicLong());
        long previous = last.get();
        if (now - previous > LOG_INTERVAL_NANOS && last.compareAndSet(previous, now)) {
            long more = skipped.getAndSet(0);
            log.warn("{}{}", message, more == 0 ? "" : " (" + more + " similar warnings in the last 10 s not logged)");
        } else {
            skipped.incrementAndGet();
        }
    }
}
