package dev.vigil.rca;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;

/**
 * Synthetic telemetry of three services over 150 minutes from {@link #T0}: two and a half hours of
 * normal, noisy behaviour (metrics scraped every 15 s, access logs at about 30 requests a minute
 * per service, a steady trickle of warnings) on which a scenario lays incident effects and changes.
 *
 * <p>Every random stream is seeded from the scenario seed and its own name, so the baseline noise is
 * the same whatever effects a scenario adds.
 */
final class IncidentGenerator {
    /** 2026-11-02T10:00:00Z. */
    static final long T0 = 1_793_613_600_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long END = T0 + 150 * MINUTE;
    static final long SCRAPE = 15 * SECOND;

    static final String CHECKOUT = "checkout";
    static final String PAYMENTS = "payments";
    static final String INVENTORY = "inventory";

    static final String LATENCY_METRIC = "http_request_duration_ms";
    static final String MEMORY_METRIC = "process_resident_memory_bytes";
    static final String REQUESTS_METRIC = "http_requests_total";

    /** One service: its endpoint, normal latency, memory, and what it logs when requests fail. */
    private record Service(String name, String method, String route, double latencyMs, double memoryBytes, String failure) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service(CHECKOUT, "POST", "/api/checkout", 80, 700e6, "checkout failed: payments returned %d for cart %s"),
            new Service(PAYMENTS, "POST", "/api/pay", 50, 500e6, "payment provider call failed: upstream timeout after %d ms (order %s)"),
            new Service(INVENTORY, "GET", "/api/stock", 30, 400e6, "stock lookup failed: connection pool exhausted, %d waiting (%s)"));

    private enum Kind { LATENCY, ERRORS, MEMORY_RAMP }

    private record Effect(String service, Kind kind, long from, long to, double magnitude) {
        boolean active(String name, long t) {
            return service.equals(name) && t >= from && t < to;
        }
    }

    private final long seed;
    private final List<Effect> effects = new ArrayList<>();
    private final List<ChangeEvent> changes = new ArrayList<>();

    IncidentGenerator(long seed) {
        this.seed = seed;
    }

    static long at(double minutes) {
        return T0 + Math.round(minutes * MINUTE);
    }

    /** Latency (metric and access logs) multiplied by {@code factor} in [from, to). */
    IncidentGenerator latency(String service, long from, long to, double factor) {
        effects.add(new Effect(service, Kind.LATENCY, from, to, factor));
        return this;
    }

    /** A share of requests fails with a 5xx and an ERROR log line in [from, to). */
    IncidentGenerator errors(String service, long from, long to, double share) {
        effects.add(new Effect(service, Kind.ERRORS, from, to, share));
        return this;
    }

    /** Resident memory grows by {@code bytesPerMinute} from {@code from}, dropping back at {@code to} (a restart). */
    IncidentGenerator memoryRamp(String service, long from, long to, double bytesPerMinute) {
        effects.add(new Effect(service, Kind.MEMORY_RAMP, from, to, bytesPerMinute));
        return this;
    }

    IncidentGenerator change(long at, ChangeType type, String service, String version, String description) {
        changes.add(new ChangeEvent(at, type, service, version, "production", type == ChangeType.DEPLOY ? "rolling" : null,
                null, description, Map.of("author", "ci")));
        return this;
    }

    private double latencyFactor(String service, long t) {
        double factor = 1;
        for (Effect e : effects) {
            if (e.kind == Kind.LATENCY && e.active(service, t)) {
                factor *= e.magnitude;
            }
        }
        return factor;
    }

    private double errorShare(String service, long t) {
        double share = 0;
        for (Effect e : effects) {
            if (e.kind == Kind.ERRORS && e.active(service, t)) {
                share = Math.max(share, e.magnitude);
            }
        }
        return share;
    }

    private double memoryOffset(String service, long t) {
        double offset = 0;
        for (Effect e : effects) {
            if (e.kind == Kind.MEMORY_RAMP && e.active(service, t)) {
                offset += e.magnitude * (t - e.from) / (double) MINUTE;
            }
        }
        return offset;
    }

    private Random random(String service, String stream) {
        return new Random(seed * 1_000_003L + (service + "/" + stream).hashCode());
    }

    /** Knuth's method; fine for the small means used here. */
    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** Exponential gap of a Poisson process with {@code perMinute} events a minute, in nanoseconds. */
    private static long gap(Random random, double perMinute) {
        return Math.max(1_000_000L, Math.round(-Math.log(1 - random.nextDouble()) / perMinute * MINUTE));
    }

    List<MetricSample> metrics() {
        List<MetricSample> out = new ArrayList<>();
        for (Service s : SERVICES) {
            Random noise = random(s.name, "metrics");
            Map<String, String> labels = Map.of("service", s.name, "instance", s.name + "-1");
            double counter = 0;
            for (long t = T0; t < END; t += SCRAPE) {
                double latency = s.latencyMs * latencyFactor(s.name, t) * (1 + 0.05 * noise.nextGaussian());
                double memory = s.memoryBytes * (1 + 0.01 * noise.nextGaussian()) + memoryOffset(s.name, t);
                counter += poisson(noise, 15);
                out.add(new MetricSample(LATENCY_METRIC, labels, t, Math.max(0.1, latency)));
                out.add(new MetricSample(MEMORY_METRIC, labels, t, memory));
                out.add(new MetricSample(REQUESTS_METRIC, labels, t, counter));
            }
        }
        out.sort(Comparator.comparingLong(MetricSample::timestampNanos));
        return out;
    }

    List<LogEvent> logs() {
        List<LogEvent> out = new ArrayList<>();
        String[] tables = {"orders", "carts", "stock"};
        for (Service s : SERVICES) {
            Random arrivals = random(s.name, "arrivals");
            Random draws = random(s.name, "requests");
            for (long t = T0 + gap(arrivals, 30); t < END; t += gap(arrivals, 30)) {
                // Draw everything every time, so effects do not shift the noise.
                double u = draws.nextDouble();
                double notFound = draws.nextDouble();
                double jitter = draws.nextGaussian();
                int code = 500 + draws.nextInt(5);
                long id = 100_000 + draws.nextInt(900_000);
                boolean failed = u < errorShare(s.name, t);
                int status = failed ? code : notFound < 0.01 ? 404 : 200;
                double ms = Math.max(0.5, s.latencyMs * latencyFactor(s.name, t) * (1 + 0.1 * jitter));
                String duration = String.format(Locale.ROOT, "%.1f", ms);
                out.add(new LogEvent(t, s.name, s.name + "-1", Level.INFO,
                        s.method + " " + s.route + " " + status + " " + duration + " ms",
                        Map.of("method", s.method, "route", s.route, "status", Integer.toString(status), "duration_ms", duration,
                                "request_id", Long.toHexString(id))));
                if (failed) {
                    // Ids the masker recognises: a decimal order, a 16-digit hex cart, a numbered sku.
                    String ref = switch (s.name) {
                        case PAYMENTS -> Long.toString(id);
                        case CHECKOUT -> String.format(Locale.ROOT, "%016x", id * 7_919_000_003L);
                        default -> "sku-" + id;
                    };
                    String message = String.format(Locale.ROOT, s.failure, s.name.equals(PAYMENTS) ? 3000 : code, ref);
                    out.add(new LogEvent(t + 1_000_000L, s.name, s.name + "-1", Level.ERROR, message, Map.of()));
                }
            }
            Random warnings = random(s.name, "warnings");
            for (long t = T0 + gap(warnings, 1); t < END; t += gap(warnings, 1)) {
                out.add(new LogEvent(t, s.name, s.name + "-1", Level.WARN,
                        "slow query took " + (200 + warnings.nextInt(800)) + " ms on table " + tables[warnings.nextInt(3)], Map.of()));
            }
            Random info = random(s.name, "info");
            for (long t = T0 + gap(info, 2); t < END; t += gap(info, 2)) {
                out.add(new LogEvent(t, s.name, s.name + "-1", Level.INFO, "cache refreshed in " + info.nextInt(50) + " ms", Map.of()));
            }
        }
        Random retries = random(PAYMENTS, "retries");
        for (long t = T0 + gap(retries, 0.2); t < END; t += gap(retries, 0.2)) {
            out.add(new LogEvent(t, PAYMENTS, PAYMENTS + "-1", Level.ERROR,
                    "retrying request after transient error (attempt " + (1 + retries.nextInt(3)) + ")", Map.of()));
        }
        out.sort(Comparator.comparingLong(LogEvent::timestampNanos));
        return out;
    }

    List<ChangeEvent> changes() {
        return List.copyOf(changes);
    }

    /** Opens a pipeline in {@code dir}, writes the scenario and waits until all of it is searchable. */
    EventPipeline writeTo(Path dir) throws IOException {
        // Templates are mined as on a node: the log-pattern detector counts lines per template.
        EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dir),
                new TemplateEnricher(TemplateStore.open(dir.resolve("templates"))));
        try {
            append(pipeline, EventKind.METRIC, metrics());
            append(pipeline, EventKind.LOG, logs());
            append(pipeline, EventKind.CHANGE, changes());
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private static void append(EventPipeline pipeline, EventKind kind, List<? extends Event> events) {
        long last = -1;
        for (int from = 0; from < events.size(); from += 1000) {
            last = pipeline.append(kind, events.subList(from, Math.min(events.size(), from + 1000))).join();
        }
        if (last >= 0) {
            pipeline.awaitSearchable(last).join();
        }
    }
}
