package dev.vigil.samples;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.vigil.samples.Timeline.*;

/**
 * Simulates every request the shop serves (about 10 per second at the gateway) as a call tree
 * through the services, and keeps the per-service latencies for the metrics. The logs hold a
 * head-sampled subset, decided per trace at the gateway as a collector sampling by trace id
 * would: a sampled request has the access log line of every service it touched and its
 * request-scoped application lines; one in fifteen of those is also kept as a trace.
 */
final class Traffic {
    static final double LOG_SAMPLE = 0.04;
    static final double TRACE_SAMPLE = 1.0 / 15;
    /** Mean gateway requests per second. */
    static final double GATEWAY_RATE = 10.0;
    static final long WINDOW = 30 * SECOND;
    /** Metric samples at START + k * WINDOW, k = 0 .. WINDOWS - 1, each covering the WINDOW before it. */
    static final int WINDOWS = (int) ((END - START) / WINDOW);

    static final long INVENTORY_TIMEOUT = 5000 * 1_000_000L;
    static final long STOCK_TIMEOUT = 2000 * 1_000_000L;
    static final long METHODS_TIMEOUT = 3000 * 1_000_000L;

    private static final String[] QUERIES = {"running shoes", "usb-c cable", "espresso machine", "rain jacket",
        "yoga mat", "headphones", "desk lamp", "backpack", "wool socks", "phone case", "kettle", "air fryer"};
    private static final String[] DECLINES = {"insufficient_funds", "card_declined", "expired_card", "do_not_honor"};

    private enum Kind { HOME, SEARCH, CART, CHECKOUT }

    private final Rng rng;
    private final Rng ids;
    private final Map<Service, GcTimeline> gc;
    private final PaymentsPool pool;

    final List<LogEvent> logs = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();
    /** Request-scoped Hikari timeout lines, whose waiting count is known only once all traffic ran. */
    final List<PendingLine> hikariTimeouts = new ArrayList<>();
    private final Map<Service, IntList[]> latencies = new EnumMap<>(Service.class);
    private int nextOrder = 48_000;

    Traffic(Rng rng, Map<Service, GcTimeline> gc, PaymentsPool pool) {
        this.rng = rng.fork("traffic");
        this.ids = rng.fork("ids");
        this.gc = gc;
        this.pool = pool;
        for (Service s : Service.values()) {
            IntList[] windows = new IntList[WINDOWS];
            for (int i = 0; i < WINDOWS; i++) {
                windows[i] = new IntList();
            }
            latencies.put(s, windows);
        }
    }

    /** A request-scoped line written after the simulation. */
    record PendingLine(long timestamp, String traceId) {
    }

    /** Gateway requests per second at {@code t}: a gentle late-morning rise with a slow wobble. */
    static double gatewayRate(long t) {
        double x = (double) (t - START) / (END - START);
        return GATEWAY_RATE * (0.92 + 0.16 * x + 0.05 * StrictMath.sin(2 * StrictMath.PI * 1.3 * x + 0.4));
    }

    void run() {
        long[] offsets = new long[64];
        for (long second = SIMULATION_START; second < END; second += SECOND) {
            int n = Math.min(offsets.length, rng.poisson(gatewayRate(second)));
            for (int i = 0; i < n; i++) {
                offsets[i] = rng.nextInt(1_000_000) * 1000L;
            }
            Arrays.sort(offsets, 0, n);
            for (int i = 0; i < n; i++) {
                request(second + offsets[i]);
            }
        }
    }

    // ---------------------------------------------------------------- per-request bookkeeping

    private static final class Call {
        final Service service;
        final String method;
        final String route;
        final long start;
        long end;
        int status;
        String error;
        final List<Call> children = new ArrayList<>(2);
        final List<Db> db = new ArrayList<>(1);

        Call(Service service, String method, String route, long start) {
            this.service = service;
            this.method = method;
            this.route = route;
            this.start = start;
        }

        Call finish(long end, int status) {
            this.end = end;
            this.status = status;
            return this;
        }
    }

    private record Db(String table, String operation, long start, long end, String error) {
    }

    private final class Req {
        final String traceId;
        final boolean traced;
        final List<LogEvent> lines = new ArrayList<>(0);
        final List<PendingLine> pending = new ArrayList<>(0);

        Req(String traceId, boolean traced) {
            this.traceId = traceId;
            this.traced = traced;
        }

        boolean logged() {
            return traceId != null;
        }

        void line(long at, Service service, Level level, String message) {
            if (logged()) {
                lines.add(new LogEvent(at, service.id, service.host, level, message, Map.of("trace_id", traceId)));
            }
        }
    }

    private void request(long start) {
        boolean logged = start >= START && rng.chance(LOG_SAMPLE);
        boolean traced = logged && rng.chance(TRACE_SAMPLE);
        Req r = new Req(logged ? ids.hex(32) : null, traced);
        double u = rng.nextDouble();
        Kind kind = u < 0.30 ? Kind.HOME : u < 0.70 ? Kind.SEARCH : u < 0.88 ? Kind.CART : Kind.CHECKOUT;
        Call root = frontend(r, kind, start);
        record(root);
        if (logged && latestEnd(root) < END) {
            emit(r, root);
        }
    }

    private void record(Call c) {
        int k = (int) -Math.floorDiv(START - c.end, WINDOW);
        if (k >= 0 && k < WINDOWS) {
            latencies.get(c.service)[k].add((int) ((c.end - c.start) / 100_000L));
        }
        for (Call child : c.children) {
            record(child);
        }
    }

    private static long latestEnd(Call c) {
        long latest = c.end;
        for (Call child : c.children) {
            latest = Math.max(latest, latestEnd(child));
        }
        return latest;
    }

    // ---------------------------------------------------------------- services

    private Call frontend(Req r, Kind kind, long start) {
        String method = kind == Kind.CHECKOUT ? "POST" : "GET";
        String route = switch (kind) {
            case HOME -> "/";
            case SEARCH -> "/api/search";
            case CART -> "/api/cart";
            case CHECKOUT -> "/api/checkout";
        };
        Call c = new Call(Service.FRONTEND, method, route, start);
        long t = start + ms(rng.logNormal(1.2, 0.3));
        int status;
        Call child = null;
        switch (kind) {
            case HOME -> {
                child = search(r, "/api/recommendations", t + gap());
                // The page renders without recommendations rather than failing.
                t = child.end + gap() + ms(rng.logNormal(12, 0.4));
                status = 200;
            }
            case SEARCH -> {
                if (rng.chance(0.003)) {
                    status = 429;
                } else {
                    child = search(r, "/api/search", t + gap());
                    t = child.end + gap();
                    status = proxied(child.status);
                }
            }
            case CART -> {
                if (rng.chance(0.005)) {
                    status = 401;
                } else {
                    child = cart(r, t + gap());
                    t = child.end + gap();
                    status = proxied(child.status);
                }
            }
            default -> {
                if (rng.chance(0.01)) {
                    status = 401;
                } else {
                    child = checkout(r, t + gap());
                    t = child.end + gap();
                    status = proxied(child.status);
                }
            }
        }
        if (child != null) {
            c.children.add(child);
        }
        return c.finish(t + ms(rng.logNormal(0.8, 0.3)), status);
    }

    /** The gateway passes client errors through and answers 502 for an upstream failure. */
    private static int proxied(int upstream) {
        return upstream >= 500 ? 502 : upstream;
    }

    private Call search(Req r, String route, long start) {
        Call c = new Call(Service.SEARCH, "GET", route, start);
        int status = 200;
        double work;
        if (route.equals("/api/recommendations")) {
            work = rng.logNormal(18, 0.5);
        } else if (rng.chance(0.008)) {
            status = 400;
            work = rng.logNormal(1.5, 0.3);
        } else if (rng.chance(0.0015)) {
            status = 500;
            work = rng.logNormal(20, 0.5);
        } else {
            work = rng.logNormal(35, 0.6);
            if (rng.chance(0.01)) {
                work *= rng.uniform(8, 40);
            }
        }
        long end = start + ms(work);
        end += quantize(gc.get(Service.SEARCH).stall(start, end - start));
        if (status == 500) {
            r.line(end - 100_000L, Service.SEARCH, Level.ERROR,
                    "Unhandled exception while executing query: java.lang.IllegalArgumentException: "
                            + "Illegal character in query at index " + rng.between(3, 40));
        } else if (status == 200 && end - start > 1000 * 1_000_000L) {
            r.line(end, Service.SEARCH, Level.WARN, "Slow query took " + (end - start) / 1_000_000L
                    + " ms (threshold 1000 ms): q=\"" + rng.pick(QUERIES) + "\"");
        }
        return c.finish(end, status);
    }

    private Call checkout(Req r, long start) {
        Call c = new Call(Service.CHECKOUT, "POST", "/api/checkout", start);
        int order = nextOrder++;
        String sku = "SKU-" + rng.between(10000, 19999);
        long t = start + ms(rng.logNormal(3, 0.3));
        int status;
        long callStart = t + gap();
        Inventory inv = inventory(r, "POST", "/api/inventory/reserve", callStart);
        if (inv.call != null) {
            c.children.add(inv.call);
        }
        if (inv.refused) {
            t = callStart + ms(rng.uniform(0.5, 2));
            c.error = "inventory reservation failed for sku " + sku + ": Connection refused (inventory:8080)";
            status = 503;
        } else if (inv.reset) {
            t = INVENTORY_OOM + ms(rng.uniform(0.5, 2));
            c.error = "inventory reservation failed for sku " + sku + ": Connection reset";
            status = 503;
        } else if (inv.call.end - callStart > INVENTORY_TIMEOUT) {
            t = callStart + INVENTORY_TIMEOUT;
            c.error = "inventory reservation timed out after 5000 ms for sku " + sku;
            status = 503;
        } else if (inv.call.status >= 500) {
            t = inv.call.end + gap();
            c.error = "inventory reservation failed for sku " + sku + ": upstream inventory returned " + inv.call.status;
            status = 503;
        } else if (inv.call.status == 409) {
            t = inv.call.end + gap();
            status = 409;
        } else {
            Call pay = charge(r, inv.call.end + gap(), order);
            c.children.add(pay);
            t = pay.end + gap();
            if (pay.status >= 500) {
                c.error = "upstream payments returned " + pay.status + " for order " + order;
                status = 503;
            } else if (pay.status == 402) {
                status = 402;
            } else {
                long dbEnd = t + ms(rng.logNormal(4, 0.5));
                c.db.add(new Db("orders", "INSERT", t, dbEnd, null));
                t = dbEnd;
                status = 200;
            }
        }
        if (c.error != null) {
            r.line(t, Service.CHECKOUT, Level.ERROR, c.error);
        }
        return c.finish(t + ms(rng.logNormal(2, 0.3)), status);
    }

    private Call cart(Req r, long start) {
        Call c = new Call(Service.CHECKOUT, "GET", "/api/cart", start);
        long t = start + ms(rng.logNormal(2, 0.3));
        long dbEnd = t + ms(rng.logNormal(3, 0.5));
        c.db.add(new Db("carts", "SELECT", t, dbEnd, null));
        t = dbEnd;
        String cart = "cart-" + ids.hex(8);
        long callStart = t + gap();
        Inventory inv = inventory(r, "GET", "/api/inventory/stock", callStart);
        if (inv.call != null) {
            c.children.add(inv.call);
        }
        String problem = null;
        if (inv.refused) {
            t = callStart + ms(rng.uniform(0.5, 2));
            problem = "Connection refused (inventory:8080)";
        } else if (inv.reset) {
            t = INVENTORY_OOM + ms(rng.uniform(0.5, 2));
            problem = "Connection reset";
        } else if (inv.call.end - callStart > STOCK_TIMEOUT) {
            t = callStart + STOCK_TIMEOUT;
            problem = "timed out after 2000 ms";
        } else {
            t = inv.call.end + gap();
            if (inv.call.status >= 500) {
                problem = "upstream inventory returned " + inv.call.status;
            }
        }
        if (problem != null) {
            r.line(t, Service.CHECKOUT, Level.WARN, "stock lookup for " + cart + " failed (" + problem
                    + "); rendering cart without availability");
        }
        if (rng.chance(0.3)) {
            long payStart = t + gap();
            Call pay = methods(r, payStart);
            c.children.add(pay);
            if (pay.end - payStart > METHODS_TIMEOUT) {
                t = payStart + METHODS_TIMEOUT;
                r.line(t, Service.CHECKOUT, Level.WARN,
                        "saved payment methods lookup for " + cart + " timed out after 3000 ms; continuing without them");
            } else {
                t = pay.end + gap();
            }
        }
        return c.finish(t + ms(rng.logNormal(1.5, 0.3)), 200);
    }

    private record Inventory(Call call, boolean refused, boolean reset) {
    }

    /** Inventory degrades once the leak drives the JVM into back-to-back collections. */
    static double inventoryDegradation(long t) {
        if (t < INVENTORY_LATENCY_CLIMB || t >= INVENTORY_OOM) {
            return 0;
        }
        return Math.min(1.0, (double) (t - INVENTORY_LATENCY_CLIMB) / (10 * MINUTE));
    }

    /** A fresh JVM is slow until the JIT and caches warm up. */
    static double inventoryWarmup(long t) {
        if (t < INVENTORY_READY || t >= INVENTORY_RECOVERED) {
            return 1;
        }
        return 1 + 1.5 * (1 - (double) (t - INVENTORY_READY) / (INVENTORY_RECOVERED - INVENTORY_READY));
    }

    private Inventory inventory(Req r, String method, String route, long start) {
        if (start >= INVENTORY_OOM && start < INVENTORY_READY) {
            return new Inventory(null, true, false);
        }
        Call c = new Call(Service.INVENTORY, method, route, start);
        boolean reserve = route.endsWith("/reserve");
        double deg = inventoryDegradation(start);
        double reject = 0.3 * GcTimeline.clamp((deg - 0.4) / 0.6, 0, 1);
        long end;
        int status = 200;
        if (reject > 0 && rng.chance(reject)) {
            end = start + ms(rng.logNormal(1.2, 0.3));
            status = 503;
            r.line(end - 100_000L, Service.INVENTORY, Level.WARN,
                    "Rejecting request: executor queue full (active=200, queued=" + rng.between(480, 500) + ")");
        } else {
            double work = rng.logNormal(reserve ? 12 : 6, 0.5) * inventoryWarmup(start);
            // Requests queue behind the collections (capped by the connector's queue timeout); the
            // work itself is stalled by the pauses it overlaps.
            double queued = deg > 0 ? Math.min(15_000, rng.exponential(8000 * StrictMath.pow(deg, 1.3))) : 0;
            long workStart = start + ms(queued);
            end = workStart + ms(work);
            end += quantize(gc.get(Service.INVENTORY).stall(workStart, end - workStart));
            if (reserve && rng.chance(0.015)) {
                status = 409;
            }
        }
        if (start < INVENTORY_OOM && end > INVENTORY_OOM) {
            return new Inventory(null, false, true);
        }
        return new Inventory(c.finish(end, status), false, false);
    }

    /** Payments is slower for a couple of minutes after each restart. */
    static double paymentsWarmup(long t) {
        if (t >= PAYMENTS_NEW_READY && t < PAYMENTS_NEW_READY + 2 * MINUTE) {
            return 1 + 0.8 * (1 - (double) (t - PAYMENTS_NEW_READY) / (2 * MINUTE));
        }
        if (t >= PAYMENTS_ROLLBACK_READY && t < PAYMENTS_RECOVERED) {
            return 1 + 1.0 * (1 - (double) (t - PAYMENTS_ROLLBACK_READY) / (PAYMENTS_RECOVERED - PAYMENTS_ROLLBACK_READY));
        }
        return 1;
    }

    private Call charge(Req r, long start, int order) {
        Call c = new Call(Service.PAYMENTS, "POST", "/api/payments/charge", start);
        double warm = paymentsWarmup(start);
        long t = start + ms(rng.logNormal(2, 0.3) * warm);
        long wait = pool.acquire(t, rng);
        if (wait >= PaymentsPool.CONNECTION_TIMEOUT) {
            return poolTimeout(r, c, t, "orders", "SELECT");
        }
        t += wait;
        long dbEnd = t + ms(rng.logNormal(3, 0.5) * warm);
        c.db.add(new Db("orders", "SELECT", t, dbEnd, null));
        t = dbEnd;
        double provider = rng.logNormal(180, 0.45);
        boolean slow = rng.chance(0.002);
        if (slow) {
            provider *= rng.uniform(5, 10);
        }
        t += ms(provider);
        if (slow) {
            r.line(t, Service.PAYMENTS, Level.WARN, "Payment provider responded slowly: " + Math.round(provider)
                    + " ms for charge ch_" + ids.hex(12));
        }
        int status = 200;
        if (rng.chance(0.025)) {
            status = 402;
            r.line(t, Service.PAYMENTS, Level.INFO, "Card declined for order " + order + ": " + rng.pick(DECLINES));
        }
        t += ms(rng.logNormal(1.5, 0.3));
        t += quantize(gc.get(Service.PAYMENTS).stall(start, t - start));
        return c.finish(t, status);
    }

    private Call methods(Req r, long start) {
        Call c = new Call(Service.PAYMENTS, "GET", "/api/payments/methods", start);
        double warm = paymentsWarmup(start);
        long t = start + ms(rng.logNormal(1.5, 0.3) * warm);
        long wait = pool.acquire(t, rng);
        if (wait >= PaymentsPool.CONNECTION_TIMEOUT) {
            return poolTimeout(r, c, t, "payment_methods", "SELECT");
        }
        t += wait;
        long dbEnd = t + ms(rng.logNormal(2, 0.5) * warm);
        c.db.add(new Db("payment_methods", "SELECT", t, dbEnd, null));
        t = dbEnd + ms(rng.logNormal(1.5, 0.3));
        t += quantize(gc.get(Service.PAYMENTS).stall(start, t - start));
        return c.finish(t, 200);
    }

    private Call poolTimeout(Req r, Call c, long t, String table, String operation) {
        long failed = t + PaymentsPool.CONNECTION_TIMEOUT;
        c.error = "HikariPool-1 - Connection is not available, request timed out after 30000ms";
        c.db.add(new Db(table, operation, t, failed, c.error));
        if (r.logged()) {
            r.pending.add(new PendingLine(failed, r.traceId));
        }
        return c.finish(failed + ms(rng.uniform(0.5, 2)), 503);
    }

    // ---------------------------------------------------------------- output

    private void emit(Req r, Call root) {
        access(r, root);
        logs.addAll(r.lines);
        hikariTimeouts.addAll(r.pending);
        if (r.traced) {
            span(r.traceId, null, root);
        }
    }

    private void access(Req r, Call c) {
        String duration = tenths(c.end - c.start);
        String status = Integer.toString(c.status);
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("method", c.method);
        attributes.put("route", c.route);
        attributes.put("status", status);
        attributes.put("duration_ms", duration);
        attributes.put("trace_id", r.traceId);
        logs.add(new LogEvent(c.end, c.service.id, c.service.host, c.status >= 500 ? Level.ERROR : Level.INFO,
                c.method + " " + c.route + " " + status + " " + duration + "ms", attributes));
        for (Call child : c.children) {
            access(r, child);
        }
    }

    private void span(String traceId, String parent, Call c) {
        String id = ids.hex(16);
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("http.method", c.method);
        attributes.put("http.route", c.route);
        attributes.put("http.status_code", Integer.toString(c.status));
        if (c.error != null) {
            attributes.put("error.message", c.error);
        }
        spans.add(new Span(traceId, id, parent, c.service.id, c.method + " " + c.route, c.start, c.end - c.start,
                c.status >= 500 ? SpanStatus.ERROR : SpanStatus.OK, attributes));
        for (Db db : c.db) {
            Map<String, String> dbAttributes = new TreeMap<>();
            dbAttributes.put("db.system", "postgresql");
            dbAttributes.put("db.name", c.service.id);
            dbAttributes.put("db.operation", db.operation);
            dbAttributes.put("db.sql.table", db.table);
            if (db.error != null) {
                dbAttributes.put("error.message", db.error);
            }
            spans.add(new Span(traceId, ids.hex(16), id, c.service.id, db.operation + " " + db.table, db.start,
                    db.end - db.start, db.error != null ? SpanStatus.ERROR : SpanStatus.OK, dbAttributes));
        }
        for (Call child : c.children) {
            span(traceId, id, child);
        }
    }

    // ---------------------------------------------------------------- metrics support

    /** Requests of {@code service} that completed in the window ending at sample {@code k}. */
    int completed(Service service, int k) {
        return latencies.get(service)[k].size();
    }

    /** Nearest-rank 99th percentile latency, in tenths of a millisecond, of that window; -1 when empty. */
    int p99Tenths(Service service, int k) {
        IntList list = latencies.get(service)[k];
        if (list.size() == 0) {
            return -1;
        }
        int[] sorted = list.sorted();
        int rank = (int) Math.ceil(0.99 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    // ---------------------------------------------------------------- helpers

    /** A duration in milliseconds, rounded to the 0.1 ms resolution of every duration here. */
    private static long ms(double millis) {
        return quantize(millis * 1_000_000L);
    }

    /** Rounds nanoseconds up to whole 0.1 ms (at least one). */
    private static long quantize(double nanos) {
        return Math.max(1, (long) Math.ceil(nanos / 100_000.0)) * 100_000L;
    }

    private static long quantize(long nanos) {
        return nanos <= 0 ? 0 : ((nanos + 99_999L) / 100_000L) * 100_000L;
    }

    /** Network time between two services. */
    private long gap() {
        return ms(rng.uniform(0.2, 1.0));
    }

    /** {@code 23.4} for 23.4 ms. */
    static String tenths(long nanos) {
        long tenths = nanos / 100_000L;
        return tenths / 10 + "." + tenths % 10;
    }

    static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int[] sorted() {
            int[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
