package dev.vigil.bench.protocols;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop sender of pre-encoded bodies to one node. What counts as accepted is read on the
 * server ({@code EventPipeline.acceptedEvents}), the same way for every protocol; a load only
 * counts what it saw: answers, back-pressure (429/503) and failures.
 *
 * <p>{@link #start} and {@link #stop} must be called from one thread; the counters may be read
 * from any thread.
 */
abstract class Load implements AutoCloseable {
    final LongAdder okAnswers = new LongAdder();
    final LongAdder backpressureAnswers = new LongAdder();
    final LongAdder failures = new LongAdder();
    final Map<String, LongAdder> failureReasons = new ConcurrentHashMap<>();

    /** Begins sending; returns at once. */
    abstract void start();

    /** Stops sending and waits (bounded) for requests in flight to end. */
    abstract void stop() throws InterruptedException;

    void fail(String reason) {
        failures.increment();
        if (failureReasons.size() < 20 || failureReasons.containsKey(reason)) {
            failureReasons.computeIfAbsent(reason, k -> new LongAdder()).increment();
        }
    }

    /** The most frequent failure reason with its count, or empty. */
    String topFailure() {
        return failureReasons.entrySet().stream()
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(LongAdder::sum)))
                .map(e -> e.getValue().sum() + "x " + e.getKey()).orElse("");
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
