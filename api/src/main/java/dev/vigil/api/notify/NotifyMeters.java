package dev.vigil.api.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code vigil.notify.sent}, {@code vigil.notify.failures} and {@code vigil.notify.retries}, tagged by target and type. Thread-safe. */
final class NotifyMeters {
    private final MeterRegistry registry;

    NotifyMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(String target, String type) {
        counter("vigil.notify.sent", "notifications a target accepted", target, type).increment();
    }

    void failed(String target, String type) {
        counter("vigil.notify.failures", "notifications given up after the last attempt", target, type).increment();
    }

    void retried(String target, String type) {
        counter("vigil.notify.retries", "attempts repeated after a failure", target, type).increment();
    }

    private Counter counter(String name, String description, String target, String type) {
        return Counter.builder(name).description(description).tag("target", target).tag("type", type).register(registry);
    }
}
