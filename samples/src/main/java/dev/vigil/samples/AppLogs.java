package dev.vigil.samples;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.vigil.samples.Timeline.*;

/**
 * Application log lines that belong to no sampled request: periodic statistics, background
 * warnings and errors present all morning (so that "any warning" is no signal), GC warnings,
 * process lifecycle, and the finished request-scoped Hikari timeout lines.
 */
final class AppLogs {
    private final Rng rng;
    private final Map<Service, GcTimeline> gc;
    private final PaymentsPool pool;
    private final List<LogEvent> out = new ArrayList<>();

    private AppLogs(Rng rng, Map<Service, GcTimeline> gc, PaymentsPool pool) {
        this.rng = rng;
        this.gc = gc;
        this.pool = pool;
    }

    static List<LogEvent> build(Rng rng, Map<Service, GcTimeline> gc, PaymentsPool pool, List<Traffic.PendingLine> hikariTimeouts) {
        AppLogs logs = new AppLogs(rng.fork("applogs"), gc, pool);
        logs.periodic();
        logs.gcWarnings();
        logs.noise();
        logs.lifecycle();
        logs.leakDetection();
        for (Traffic.PendingLine line : hikariTimeouts) {
            logs.out.add(new LogEvent(line.timestamp(), Service.PAYMENTS.id, Service.PAYMENTS.host, Level.ERROR,
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=20, active=20, idle=0, waiting="
                            + pool.waiting(line.timestamp(), PaymentsPool.process(line.timestamp() - PaymentsPool.CONNECTION_TIMEOUT)) + ")",
                    Map.of("trace_id", line.traceId())));
        }
        return logs.out;
    }

    private void add(long at, Service service, Level level, String message) {
        if (at >= START && at < END && !inventoryDown(service, at)) {
            out.add(new LogEvent(at, service.id, service.host, level, message, Map.of()));
        }
    }

    private static boolean inventoryDown(Service service, long at) {
        return service == Service.INVENTORY && at > INVENTORY_OOM + SECOND && at < INVENTORY_JVM_START;
    }

    private long jitter() {
        return rng.nextInt(1_000_000) * 1000L;
    }

    private void periodic() {
        long hitsSinceStart = 1_842_113;
        for (long minute = START; minute < END; minute += MINUTE) {
            double load = Traffic.gatewayRate(minute) / Traffic.GATEWAY_RATE;
            add(minute + 7 * SECOND + jitter(), Service.FRONTEND, Level.INFO, "Session store stats: active="
                    + Math.round(1400 * load + rng.gaussian() * 40) + " created=" + rng.between(90, 140)
                    + " expired=" + rng.between(80, 130));
            int checkoutActive = Math.min(20, rng.poisson(0.5));
            add(minute + 13 * SECOND + jitter(), Service.CHECKOUT, Level.DEBUG, poolStats(checkoutActive, 0));
            long paymentsAt = minute + 19 * SECOND + jitter();
            int paymentsActive = pool.active(paymentsAt, rng);
            add(paymentsAt, Service.PAYMENTS, Level.DEBUG, poolStats(paymentsActive, pool.waiting(paymentsAt)));

            long inventoryAt = minute + 23 * SECOND + jitter();
            long cacheSize;
            long evictions;
            if (inventoryAt >= INVENTORY_JVM_START) {
                // A fresh process: the cache refills, and the counters start from zero.
                double x = Math.min(1.0, (double) (inventoryAt - INVENTORY_JVM_START) / (7 * MINUTE));
                cacheSize = Math.round(3_000 + 9_000 * x) + rng.between(-250, 250);
                evictions = Math.round(500 * x);
                if (inventoryAt - MINUTE < INVENTORY_READY) {
                    hitsSinceStart = 0;
                }
            } else if (inventoryAt >= INVENTORY_LEAK_START) {
                // Partner-feed reservations are pinned: the cache only grows, nothing is evicted.
                cacheSize = 12_000 + Math.round((gc.get(Service.INVENTORY).live(inventoryAt) - Service.INVENTORY.live) * 1_050_000);
                evictions = 0;
            } else {
                cacheSize = 12_000 + rng.between(-250, 250);
                evictions = rng.between(300, 700);
            }
            hitsSinceStart += rng.between(5_500, 7_500);
            String misses = Integer.toString(rng.between(150, 400));
            if (inventoryAt < INVENTORY_OOM || inventoryAt >= INVENTORY_READY) {
                add(inventoryAt, Service.INVENTORY, Level.INFO, "Reservation cache stats: size=" + cacheSize + " hits="
                        + hitsSinceStart + " misses=" + misses + " evictions=" + evictions);
            }

            add(minute + 41 * SECOND + jitter(), Service.SEARCH, Level.INFO, "Index stats: docs="
                    + (184_233 + (minute - START) / MINUTE * 3) + " segments=" + rng.between(21, 26)
                    + " query_cache_hit_ratio=" + String.format(Locale.ROOT, "%.2f", rng.uniform(0.84, 0.90)));
        }
    }

    private static String poolStats(int active, int waiting) {
        return "HikariPool-1 - Pool stats (total=20, active=" + active + ", idle=" + (20 - active) + ", waiting=" + waiting + ")";
    }

    private void gcWarnings() {
        for (Service service : Service.values()) {
            for (long[] pause : gc.get(service).longPauses()) {
                long ms = (pause[1] - pause[0]) / 1_000_000L;
                add(pause[1], service, Level.WARN, "GC overhead: pause of " + ms + " ms ("
                        + (pause[2] != 0 ? "G1 Old Generation" : "G1 Young Generation") + ")");
            }
        }
    }

    /** Background warnings and errors that happen all morning, incidents or not. */
    private void noise() {
        for (long t = next(START, 5); t < END; t = next(t, 5)) {
            add(t, Service.FRONTEND, Level.WARN, "Slow client 198.51.100." + rng.between(2, 250)
                    + ": response write took " + rng.between(1100, 4800) + " ms");
        }
        for (long t = next(START, 8); t < END; t = next(t, 8)) {
            add(t, Service.CHECKOUT, Level.WARN, "Cart cart-" + rng.hex(8) + " contains discontinued sku SKU-"
                    + rng.between(10000, 19999) + "; removing it");
        }
        for (long t = next(START, 15); t < END; t = next(t, 15)) {
            add(t, Service.CHECKOUT, Level.WARN, "Retrying call to payments for order " + approximateOrder(t)
                    + " after transient error: Connection reset (attempt 1/3)");
        }
        for (long t = next(START, 12); t < END; t = next(t, 12)) {
            add(t, Service.PAYMENTS, Level.WARN, "Webhook signature mismatch from 203.0.113." + rng.between(2, 250)
                    + "; ignoring event evt_" + rng.hex(14));
        }
        for (long t = next(START, 4); t < END; t = next(t, 4)) {
            add(t, Service.INVENTORY, Level.WARN, "Stock level low for sku SKU-" + rng.between(10000, 19999)
                    + " (remaining=" + rng.between(1, 4) + ")");
        }
        for (long t = next(START, 25); t < END; t = next(t, 25)) {
            add(t, Service.SEARCH, Level.ERROR,
                    "Synonym dictionary refresh failed: HTTP 503 from config-service; keeping previous version");
        }
    }

    private long next(long t, double meanMinutes) {
        return t + (long) (rng.exponential(meanMinutes) * MINUTE);
    }

    private static long approximateOrder(long t) {
        return 48_000 + (t - SIMULATION_START) / SECOND * 93 / 100;
    }

    private void lifecycle() {
        // Routine search deploy (surge pod first, so no traffic is lost).
        add(at("10:08:05.208"), Service.SEARCH, Level.INFO, "Starting SearchService v5.2.0 using Java 17.0.13 with PID 1");
        add(at("10:08:09.934"), Service.SEARCH, Level.INFO, "Loaded index snapshot 2026-11-02T09:30 (184207 docs) in 3.1 s");
        add(at("10:08:12.811"), Service.SEARCH, Level.INFO, "Started SearchService in 7.6 seconds (process running for 8.1)");
        add(at("10:08:18.402"), Service.SEARCH, Level.INFO, "Stopped SearchService v5.1.3 (graceful shutdown complete)");
        add(at("10:20:00.431"), Service.CHECKOUT, Level.INFO,
                "Feature flag 'cart-recommendations' updated: rollout 0% -> 10% (source: flagd)");
        add(at("10:05:00.812"), Service.PAYMENTS, Level.INFO, "Settlement batch 2026-11-02T09 submitted: 3412 charges");
        add(at("11:05:00.774"), Service.PAYMENTS, Level.INFO, "Settlement batch 2026-11-02T10 submitted: 2871 charges");

        paymentsStart(at("10:42:05.311"), "v2.14.0");
        add(at("10:42:30.207"), Service.PAYMENTS, Level.INFO, "Stopped PaymentsService v2.13.2 (graceful shutdown complete)");
        paymentsStart(at("11:02:03.702"), "v2.13.2");
        add(PAYMENTS_ROLLBACK_READY + 412_000_000L, Service.PAYMENTS, Level.INFO, "Stopping PaymentsService v2.14.0: waiting up to 30 s for "
                + pool.waiting(PAYMENTS_ROLLBACK_READY, 1) + " active requests to complete");
        add(at("11:02:52.516"), Service.PAYMENTS, Level.INFO, "Stopped PaymentsService v2.14.0 (graceful shutdown complete)");

        add(at("11:11:52.406"), Service.INVENTORY, Level.INFO,
                "Partner feed acme-wholesale connected: bulk reservation sync started (batch_size=5000)");
        add(at("11:22:00.618"), Service.FRONTEND, Level.INFO, "Configuration reloaded: cdn.cache_ttl 300s -> 900s (revision 184)");

        add(INVENTORY_OOM, Service.INVENTORY, Level.ERROR,
                "Exception in thread \"http-nio-8080-exec-14\" java.lang.OutOfMemoryError: Java heap space");
        add(INVENTORY_OOM + 183_000_000L, Service.INVENTORY, Level.ERROR,
                "Exception in thread \"reservation-cache-refresher\" java.lang.OutOfMemoryError: Java heap space");
        add(INVENTORY_OOM + 604_000_000L, Service.INVENTORY, Level.FATAL, "Terminating due to java.lang.OutOfMemoryError: Java heap space");
        add(INVENTORY_JVM_START + 112_000_000L, Service.INVENTORY, Level.INFO,
                "Starting InventoryService v3.4.1 using Java 17.0.13 with PID 1");
        add(INVENTORY_JVM_START + 8_930_000_000L, Service.INVENTORY, Level.INFO, "Tomcat initialized with port 8080 (http)");
        add(INVENTORY_READY - 95_000_000L, Service.INVENTORY, Level.INFO,
                "Started InventoryService in 15.9 seconds (process running for 16.4)");
    }

    private void paymentsStart(long t, String version) {
        add(t, Service.PAYMENTS, Level.INFO, "Starting PaymentsService " + version + " using Java 17.0.13 with PID 1");
        add(t + 8_512_000_000L, Service.PAYMENTS, Level.INFO, "HikariPool-1 - Starting...");
        add(t + 8_927_000_000L, Service.PAYMENTS, Level.INFO, "HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@"
                + rng.hex(8));
        add(t + 9_104_000_000L, Service.PAYMENTS, Level.INFO, "HikariPool-1 - Start completed.");
        long ready = version.equals("v2.14.0") ? PAYMENTS_NEW_READY : PAYMENTS_ROLLBACK_READY;
        add(ready - 87_000_000L, Service.PAYMENTS, Level.INFO, "Started PaymentsService in "
                + String.format(Locale.ROOT, "%.1f", (ready - t) / 1e9) + " seconds (process running for "
                + String.format(Locale.ROOT, "%.1f", (ready - t) / 1e9 + 0.6) + ")");
    }

    /** Hikari's leakDetectionThreshold (60 s) reports every connection v2.14.0 never returned. */
    private void leakDetection() {
        for (long leak : pool.leaks) {
            add(leak + 60 * SECOND, Service.PAYMENTS, Level.WARN,
                    "HikariPool-1 - Connection leak detection triggered for org.postgresql.jdbc.PgConnection@" + rng.hex(8)
                            + " on thread http-nio-8080-exec-" + rng.between(1, 200) + ", stack trace follows");
        }
    }
}
