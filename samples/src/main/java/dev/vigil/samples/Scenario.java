package dev.vigil.samples;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;

import java.util.List;
import java.util.Map;

import static dev.vigil.samples.Timeline.*;

/** The change events of the morning and the ground truth of its two incidents. */
final class Scenario {
    private Scenario() {
    }

    static List<ChangeEvent> changes() {
        return List.of(
                new ChangeEvent(SEARCH_DEPLOY, ChangeType.DEPLOY, "search", "v5.2.0", "production", "rolling",
                        ChangeStatus.SUCCEEDED, "Release search v5.2.0: typo-tolerant matching for product names",
                        Map.of("commit", "9c1e4b7", "author", "a.okafor", "pipeline", "search-release#812")),
                new ChangeEvent(CHECKOUT_FEATURE_FLAG, ChangeType.FEATURE_FLAG, "checkout", null, "production", "immediate",
                        ChangeStatus.SUCCEEDED, "Enable feature flag cart-recommendations for 10% of users",
                        Map.of("flag", "cart-recommendations", "rollout", "10%", "author", "j.lindqvist")),
                new ChangeEvent(PAYMENTS_DEPLOY, ChangeType.DEPLOY, "payments", "v2.14.0", "production", "rolling",
                        ChangeStatus.SUCCEEDED,
                        "Release payments v2.14.0: idempotency-key lookup for charge retries, Stripe SDK 24.3",
                        Map.of("commit", "a3f9c1e", "author", "m.kowalski", "pipeline", "payments-release#1407")),
                new ChangeEvent(PAYMENTS_ROLLBACK, ChangeType.ROLLBACK, "payments", "v2.13.2", "production", "rolling",
                        ChangeStatus.SUCCEEDED, "Roll back payments to v2.13.2 (INC-4821)",
                        Map.of("commit", "e71d02b", "author", "oncall-sre", "ticket", "INC-4821")),
                new ChangeEvent(FRONTEND_CONFIG_CHANGE, ChangeType.CONFIG_CHANGE, "frontend", null, "production", "immediate",
                        ChangeStatus.SUCCEEDED, "Raise CDN cache TTL from 5m to 15m",
                        Map.of("key", "cdn.cache_ttl", "old", "300s", "new", "900s", "author", "p.nguyen")));
    }

    static List<Incident> incidents() {
        return List.of(
                new Incident("payments-db-pool",
                        "Payments DB connection pool exhausted after the v2.14.0 deploy",
                        "payments v2.14.0 (deployed 10:42Z) leaks a pooled postgres connection on the idempotency-key "
                                + "lookup path. From 10:42:40Z one of the 20 HikariCP connections leaks about every "
                                + "10 s; the pool is exhausted at ~10:46Z and every payments request then waits the "
                                + "full 30 s connectionTimeout and answers 503. checkout fails the orders (503) and "
                                + "the frontend answers 502 on POST /api/checkout. The rollback to v2.13.2 at 11:02Z "
                                + "replaces the process and the pool; recovered by ~11:05Z.",
                        INCIDENT1_FROM, INCIDENT1_TO, "change", "payments", "v2.14.0",
                        List.of(
                                "payments: HikariPool-1 connection leak detection warnings from 10:43:40Z",
                                "payments: db_pool_active_connections climbs from ~1 to the maximum of 20 by ~10:46Z",
                                "payments: db_pool_pending_threads climbs to ~40 while the pool is exhausted",
                                "payments: http_server_request_p99_seconds at ~30 s (connectionTimeout) from ~10:46Z",
                                "payments: ERROR 'HikariPool-1 - Connection is not available, request timed out after 30000ms'",
                                "payments: 503 on POST /api/payments/charge and GET /api/payments/methods",
                                "checkout: 503 on POST /api/checkout, ERROR 'upstream payments returned 503 for order N'",
                                "checkout: WARN 'saved payment methods lookup ... timed out after 3000 ms' on GET /api/cart",
                                "frontend: 502 on POST /api/checkout",
                                "recovery after the rollback to v2.13.2 at 11:02Z, normal by ~11:05Z")),
                new Incident("inventory-memory-leak",
                        "Inventory heap exhausted by an unbounded reservation cache",
                        "No deploy or config change is involved. From 11:12Z inventory's reservation cache keeps "
                                + "every partner-feed reservation, so the live heap grows steadily from ~45% of the "
                                + "2 GiB maximum to ~97% at 11:48Z. From ~11:32Z G1 runs long old-generation "
                                + "collections (pauses over 800 ms), inventory latency climbs from ~11:36Z, and "
                                + "from ~11:40Z inventory rejects requests (503) and checkout's 5 s reservation "
                                + "timeout fires. At 11:49:05Z the JVM dies with OutOfMemoryError: Java heap space; "
                                + "the container restarts (ready 11:49:37Z) and service is normal by ~11:52Z. The "
                                + "frontend CDN TTL config change at 11:22Z is unrelated.",
                        INCIDENT2_FROM, INCIDENT2_TO, "metric", "inventory", "jvm_memory_used_bytes",
                        List.of(
                                "inventory: jvm_memory_used_bytes{area=\"heap\"} grows from ~45% to ~97% of the 2 GiB heap maximum between 11:12Z and 11:48Z",
                                "inventory: 'Reservation cache stats' show the cache growing with evictions=0",
                                "inventory: jvm_gc_pause_seconds_max rises from ~0.02 s to over 0.8 s from ~11:32Z",
                                "inventory: WARN 'GC overhead: pause of N ms (G1 Old Generation)'",
                                "inventory: process_cpu_usage rises as garbage collection takes over",
                                "inventory: http_server_request_p99_seconds climbs from ~11:36Z",
                                "inventory: 503 on POST /api/inventory/reserve, WARN 'Rejecting request: executor queue full'",
                                "checkout: 503 on POST /api/checkout, ERROR 'inventory reservation timed out after 5000 ms for sku SKU-N'",
                                "checkout: WARN 'stock lookup for cart-... failed' on GET /api/cart",
                                "frontend: 502 on POST /api/checkout",
                                "inventory: ERROR 'java.lang.OutOfMemoryError: Java heap space' at 11:49:05Z, then 'Starting InventoryService v3.4.1'",
                                "recovery after the restart, normal by ~11:52Z")));
    }
}
