package dev.vigil.analytics.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits one query runs under (a deadline, at most so many groups) and the reasons its
 * answer is partial when one was reached. Not thread-safe (one per query).
 */
final class QueryBudget {
    private final Duration timeout;
    private final long deadlineNanos;
    private final List<String> partialReasons = new ArrayList<>();

    QueryBudget(Duration timeout, long startedNanos) {
        this.timeout = timeout;
        this.deadlineNanos = startedNanos + timeout.toNanos();
    }

    boolean expired() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    Duration timeout() {
        return timeout;
    }

    /** Records why the answer is incomplete (each reason once). */
    void partial(String reason) {
        if (!partialReasons.contains(reason)) {
            partialReasons.add(reason);
        }
    }

    List<String> partialReasons() {
        return List.copyOf(partialReasons);
    }

    /** Thrown from inside a search to stop it when the deadline has passed; carries no stack trace. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("query time budget exhausted", null, false, false);
        }
    }
}
