package dev.vigil.api.receivers.syslog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.api.receivers.ReceiverMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;

/**
 * The syslog receivers' meters, shared by TCP and UDP: {@code vigil.receiver.events{protocol="syslog",
 * outcome="accepted"|"unparsed"}} (both are stored; {@code unparsed} ones as raw text with
 * {@code syslog.parse_error}), {@code vigil.receiver.rejected{protocol="syslog",reason}},
 * {@code vigil.receiver.bytes{protocol="syslog"}} and {@code vigil.receiver.decode.seconds{protocol="syslog"}}.
 */
final class SyslogMeters extends ReceiverMeters {
    static final String PROTOCOL = "syslog";
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ConcurrentHashMap<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    SyslogMeters(MeterRegistry registry) {
        super(registry, PROTOCOL);
        outcome("unparsed", 0);
        for (String reason : new String[] {"overloaded", "frame_too_long", "bad_framing", "truncated", "internal"}) {
            declare(reason);
        }
    }

    /** Messages stored: parsed ones, and ones stored as raw text because they were not valid syslog. */
    void stored(long parsed, long raw) {
        accepted(parsed);
        outcome("unparsed", raw);
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
