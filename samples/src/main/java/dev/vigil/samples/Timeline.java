package dev.vigil.samples;

import dev.vigil.ingest.model.Timestamps;

import java.time.Instant;

/**
 * Every instant the sample scenario is built around, as epoch nanoseconds. The generator reads
 * its phases from here, so the README, the ground truth and the data cannot disagree.
 */
public final class Timeline {
    private Timeline() {
    }

    public static final long SECOND = 1_000_000_000L;
    public static final long MINUTE = 60 * SECOND;

    /** Start of the sample window (inclusive). */
    public static final long START = at("10:00:00");
    /** End of the sample window (exclusive). */
    public static final long END = at("12:00:00");
    /** Traffic is simulated from here so that the first metric windows are full; nothing earlier is written. */
    static final long SIMULATION_START = at("09:58:00");

    // Routine changes: distractors with no effect on the system.
    public static final long SEARCH_DEPLOY = at("10:08:00");
    public static final long CHECKOUT_FEATURE_FLAG = at("10:20:00");
    public static final long FRONTEND_CONFIG_CHANGE = at("11:22:00");

    // Incident 1: payments-db-pool.
    public static final long PAYMENTS_DEPLOY = at("10:42:00");
    /** v2.14.0 is started and takes traffic; the old process is gone 6 s later. */
    public static final long PAYMENTS_NEW_READY = at("10:42:24");
    /** The first connection leaks; one more roughly every 10 s. */
    public static final long PAYMENTS_FIRST_LEAK = at("10:42:40");
    /** All 20 pool connections leaked (approximately; the exact instant carries jitter). */
    public static final long PAYMENTS_POOL_EXHAUSTED = at("10:46:00");
    public static final long PAYMENTS_ROLLBACK = at("11:02:00");
    /** v2.13.2 is back and takes traffic; the leaking process keeps draining until its timeouts end. */
    public static final long PAYMENTS_ROLLBACK_READY = at("11:02:22");
    public static final long PAYMENTS_RECOVERED = at("11:05:00");
    public static final long INCIDENT1_FROM = at("10:40:00");
    public static final long INCIDENT1_TO = at("11:05:00");

    // Incident 2: inventory-memory-leak.
    public static final long INVENTORY_LEAK_START = at("11:12:00");
    /** The live set reaches 95% of the heap here (used heap ~97%). */
    public static final long INVENTORY_LEAK_FULL = at("11:48:00");
    public static final long INVENTORY_GC_TROUBLE = at("11:32:00");
    public static final long INVENTORY_LATENCY_CLIMB = at("11:36:00");
    public static final long INVENTORY_OOM = at("11:49:05.300");
    public static final long INVENTORY_JVM_START = at("11:49:21");
    public static final long INVENTORY_READY = at("11:49:37");
    public static final long INVENTORY_RECOVERED = at("11:52:00");
    public static final long INCIDENT2_FROM = at("11:30:00");
    public static final long INCIDENT2_TO = at("11:55:00");

    /** Epoch nanoseconds of a time of day on 2026-11-02 (UTC), {@code HH:mm:ss[.SSS]}. */
    public static long at(String timeOfDay) {
        return Timestamps.toNanos(Instant.parse("2026-11-02T" + timeOfDay + "Z"));
    }

    /** RFC 3339 text of an instant, as in the ground truth files. */
    public static String text(long nanos) {
        return Timestamps.format(nanos);
    }
}
