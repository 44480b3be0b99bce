package dev.vigil.bench.rca;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;

/**
 * One hour of a small shop's logs and metrics with a fault in its last third: the payments
 * service is deployed as {@code v2.14.0} one minute before the fault, after which its database
 * pool runs dry, its requests slow down and fail, a new error message surges, and checkout (its
 * caller) logs upstream failures. Everything else keeps its baseline behaviour.
 *
 * <p>Log lines are about two thirds access logs (method, route, status, duration and trace id
 * attributes, the fields request analytics reads) and one third application messages from a
 * dozen templates per service with variable parts (ids, durations, counts), so template mining
 * and message masking see realistic shapes. Deterministic for a seed. Not thread-safe.
 */
final class FaultyHourGenerator {
    static final String FAULTY_SERVICE = "payments";
    static final String FAULTY_VERSION = "v2.14.0";

    private record Endpoint(String service, String method, String route, double medianMs, int weight) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("gateway", "GET", "/api/products", 18, 30),
            new Endpoint("gateway", "GET", "/api/products/{id}", 12, 25),
            new Endpoint("gateway", "POST", "/api/cart", 25, 8),
            new Endpoint("catalog", "GET", "/products", 9, 30),
            new Endpoint("catalog", "GET", "/products/{id}", 6, 25),
            new Endpoint("search", "GET", "/search", 35, 15),
            new Endpoint("users", "GET", "/users/{id}", 5, 12),
            new Endpoint("users", "POST", "/sessions", 22, 4),
            new Endpoint("inventory", "GET", "/stock/{sku}", 7, 14),
            new Endpoint("checkout", "POST", "/checkout", 120, 5),
            new Endpoint("checkout", "GET", "/orders/{id}", 15, 4),
            new Endpoint("payments", "POST", "/charges", 80, 5),
            new Endpoint("payments", "GET", "/charges/{id}", 10, 2));

    /** Application messages: {@code %d} and {@code %s} are filled with varying values. */
    private static final Map<String, List<String>> APP_INFO = Map.of(
            "gateway", List.of("upstream %s answered in %d ms", "rate limiter allowed %d requests for client %s", "TLS session resumed for %s"),
            "catalog", List.of("cache hit for product %d", "cache miss for product %d, loaded in %d ms", "price list refreshed: %d items"),
            "search", List.of("query '%s' returned %d hits in %d ms", "index segment merge finished: %d docs", "suggestions for '%s': %d"),
            "users", List.of("session %s created for user %d", "profile %d loaded from cache", "password check for user %d took %d ms"),
            "inventory", List.of("reserved %d units of sku %s", "stock level for sku %s is %d", "replenishment order %d queued"),
            "checkout", List.of("order %d created with %d items", "cart %s priced at %d cents", "order %d confirmed in %d ms"),
            "payments", List.of("charge %s authorized for %d cents", "db pool stats active=%d idle=%d", "refund %d processed in %d ms"));
    private static final Map<String, List<String>> APP_WARN = Map.of(
            "gateway", List.of("slow upstream %s: %d ms"),
            "catalog", List.of("image resize for product %d took %d ms"),
            "search", List.of("query '%s' timed out after %d ms, partial results"),
            "users", List.of("login failed for user %d: bad password"),
            "inventory", List.of("stock for sku %s below threshold: %d left"),
            "checkout", List.of("retrying payment for order %d, attempt %d"),
            "payments", List.of("card network latency %d ms for charge %s"));
    /** In a fixed order, so that a seed always draws the same values. */
    private static final List<String> SERVICES = List.of("catalog", "checkout", "gateway", "inventory", "payments", "search", "users");
    private static final String[] WORDS = {"shoes", "red dress", "laptop bag", "usb-c cable", "garden chair", "coffee", "tent", "lamp"};

    private final SplittableRandom random;
    private final long startNanos;
    private final long faultNanos;
    private final int[] cumulativeWeights;
    private long traceCounter;

    /**
     * @param startNanos start of the hour
     * @param hour       its length (one hour by default)
     * @param seed       the random seed
     */
    FaultyHourGenerator(long startNanos, Duration hour, long seed) {
        this.random = new SplittableRandom(seed);
        this.startNanos = startNanos;
        this.faultNanos = startNanos + hour.toNanos() * 2 / 3;
        this.cumulativeWeights = new int[ENDPOINTS.size()];
        int sum = 0;
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            sum += ENDPOINTS.get(i).weight();
            cumulativeWeights[i] = sum;
        }
    }

    long faultNanos() {
        return faultNanos;
    }

    /** The deploy that causes the fault, a minute before it, and an unrelated config change earlier. */
    List<ChangeEvent> changes() {
        return List.of(
                new ChangeEvent(startNanos + Duration.ofMinutes(10).toNanos(), ChangeType.CONFIG_CHANGE, "search", null, "production",
                        null, ChangeStatus.SUCCEEDED, "raise suggestion cache size", Map.of()),
                new ChangeEvent(faultNanos - Duration.ofMinutes(1).toNanos(), ChangeType.DEPLOY, FAULTY_SERVICE, FAULTY_VERSION,
                        "production", "rolling", ChangeStatus.SUCCEEDED, "payments " + FAULTY_VERSION + ": new connection handling",
                        Map.of("commit", "9f3c2e1")));
    }

    /** One log line at {@code nanos}. */
    LogEvent log(long nanos) {
        boolean faulty = nanos >= faultNanos;
        Endpoint endpoint = pickEndpoint();
        String host = endpoint.service() + "-" + random.nextInt(3);
        int roll = random.nextInt(100);
        if (faulty && endpoint.service().equals(FAULTY_SERVICE) && roll < 25) {
            return new LogEvent(nanos, FAULTY_SERVICE, host, Level.ERROR,
                    "db connection pool exhausted: timed out after " + (4000 + random.nextInt(2000)) + " ms waiting for a connection (active="
                            + (48 + random.nextInt(3)) + ", max=50)", Map.of("thread", "http-" + random.nextInt(64)));
        }
        if (faulty && endpoint.service().equals("checkout") && roll < 15) {
            return new LogEvent(nanos, "checkout", host, Level.ERROR,
                    "payment for order " + random.nextInt(1_000_000) + " failed: upstream payments answered 503 after "
                            + (1000 + random.nextInt(4000)) + " ms", Map.of());
        }
        if (roll < 66) {
            return access(nanos, endpoint, host, faulty);
        }
        if (roll < 96) {
            return app(nanos, endpoint.service(), host, Level.INFO, APP_INFO.get(endpoint.service()));
        }
        return app(nanos, endpoint.service(), host, Level.WARN, APP_WARN.get(endpoint.service()));
    }

    /** Metric samples of every service at {@code nanos}: pool use, CPU and a request counter. */
    List<MetricSample> metrics(long nanos, double requestsSoFar) {
        boolean faulty = nanos >= faultNanos;
        List<MetricSample> out = new ArrayList<>();
        for (String service : SERVICES) {
            boolean bad = faulty && service.equals(FAULTY_SERVICE);
            Map<String, String> labels = Map.of("service", service, "env", "production");
            out.add(new MetricSample("db_pool_active_connections", labels, nanos, bad ? 48 + random.nextInt(3) : 8 + random.nextInt(5)));
            out.add(new MetricSample("process_cpu_usage", labels, nanos, (bad ? 0.85 : 0.35) + random.nextDouble() * 0.1));
            out.add(new MetricSample("http_requests_total", labels, nanos, requestsSoFar));
        }
        return out;
    }

    private LogEvent access(long nanos, Endpoint endpoint, String host, boolean faulty) {
        boolean slowAndFailing = faulty && (endpoint.service().equals(FAULTY_SERVICE)
                || endpoint.service().equals("checkout") && endpoint.method().equals("POST"));
        int status;
        int roll = random.nextInt(1000);
        if (slowAndFailing && roll < 200) {
            status = 503;
        } else if (roll < 8) {
            status = 500;
        } else if (roll < 50) {
            status = 404;
        } else {
            status = endpoint.method().equals("POST") ? 201 : 200;
        }
        double duration = endpoint.medianMs() * Math.exp(0.5 * gaussian()) * (slowAndFailing ? 12 : 1);
        String path = endpoint.route().replaceAll("\\{[a-z]+}", Integer.toString(random.nextInt(100_000)));
        String ms = String.format(Locale.ROOT, "%.1f", duration);
        Level level = status >= 500 ? Level.ERROR : status >= 400 ? Level.WARN : Level.INFO;
        return new LogEvent(nanos, endpoint.service(), host, level, endpoint.method() + " " + path + " " + status + " " + ms + "ms",
                Map.of("method", endpoint.method(), "route", endpoint.route(), "status", Integer.toString(status), "duration_ms", ms,
                        "trace_id", Long.toHexString(0x1000_0000_0000L + traceCounter++)));
    }

    private LogEvent app(long nanos, String service, String host, Level level, List<String> templates) {
        String template = templates.get(random.nextInt(templates.size()));
        StringBuilder out = new StringBuilder(template.length() + 24);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char spec = template.charAt(++i);
                if (spec == 'd') {
                    out.append(random.nextInt(5000));
                } else {
                    out.append(random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : Long.toHexString(random.nextLong() >>> 20));
                }
            } else {
                out.append(c);
            }
        }
        return new LogEvent(nanos, service, host, level, out.toString(), Map.of());
    }

    private Endpoint pickEndpoint() {
        int r = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (r < cumulativeWeights[i]) {
                return ENDPOINTS.get(i);
            }
        }
        return ENDPOINTS.get(ENDPOINTS.size() - 1);
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
