package dev.vigil.api.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt {@code n} (from 1) waits a random time in
 * {@code [d/2, d]} with {@code d = min(maxDelay, initialDelay * 2^(n-1))} before the next one;
 * at most {@code maxAttempts} attempts in all. Jitter spreads retries of many alerts apart.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("max_attempts must be between 1 and 20, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initial_delay <= max_delay");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Milliseconds to wait after the failed attempt {@code attempt} (1-based). */
    public long delayMillis(int attempt) {
        long cap = maxDelay.toMillis();
        long base = initialDelay.toMillis();
        long d = attempt >= 31 ? cap : Math.min(cap, base << (attempt - 1));
        return d <= 1 ? d : d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
