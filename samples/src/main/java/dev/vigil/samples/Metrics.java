package dev.vigil.samples;

import dev.vigil.ingest.model.MetricSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.vigil.samples.Timeline.*;

/**
 * Scrapes every 30 s: JVM and process gauges from the GC timelines, request rate and p99 from the
 * full simulated traffic of the 30 s before the scrape, pool gauges from the pool model. A
 * process that is down is not scraped, so inventory has no samples while it restarts.
 */
final class Metrics {
    private final Rng rng;
    private final Map<Service, GcTimeline> gc;
    private final PaymentsPool pool;
    private final Traffic traffic;
    private final List<MetricSample> out = new ArrayList<>();

    private Metrics(Rng rng, Map<Service, GcTimeline> gc, PaymentsPool pool, Traffic traffic) {
        this.rng = rng;
        this.gc = gc;
        this.pool = pool;
        this.traffic = traffic;
    }

    static List<MetricSample> build(Rng rng, Map<Service, GcTimeline> gc, PaymentsPool pool, Traffic traffic) {
        Metrics metrics = new Metrics(rng.fork("metrics"), gc, pool, traffic);
        for (int k = 0; k < Traffic.WINDOWS; k++) {
            for (Service service : Service.values()) {
                metrics.scrape(service, k);
            }
        }
        return metrics.out;
    }

    private void scrape(Service service, int k) {
        long t = START + k * Traffic.WINDOW;
        if (service == Service.INVENTORY && t >= INVENTORY_OOM && t < INVENTORY_READY) {
            return;
        }
        GcTimeline jvm = gc.get(service);
        long from = t - Traffic.WINDOW;
        if (service == Service.INVENTORY && t >= INVENTORY_READY) {
            from = Math.max(from, INVENTORY_JVM_START);
        }
        double rps = traffic.completed(service, k) / (Traffic.WINDOW / (double) SECOND);
        double cpu = service.cpuBase + service.cpuPerRequestPerSecond * rps + 0.012 * rng.gaussian()
                + 0.85 * jvm.pausedFraction(from, t) + startup(service, t);
        emit("process_cpu_usage", service, t, round(GcTimeline.clamp(cpu, 0.005, 1.0), 3));
        emit("jvm_memory_used_bytes", service, t, jvm.heapUsed(t), "area", "heap");
        long gcFrom = t - 2 * Traffic.WINDOW;
        if (service == Service.INVENTORY && t >= INVENTORY_READY) {
            gcFrom = Math.max(gcFrom, INVENTORY_JVM_START);
        }
        emit("jvm_gc_pause_seconds_max", service, t, round(jvm.maxPauseSeconds(gcFrom, t), 4));
        emit("http_server_requests_per_second", service, t, round(rps, 2));
        int p99 = traffic.p99Tenths(service, k);
        if (p99 >= 0) {
            emit("http_server_request_p99_seconds", service, t, p99 / 10_000.0);
        }
        if (service.hasDbPool()) {
            int active;
            int pending;
            if (service == Service.PAYMENTS) {
                active = pool.active(t, rng);
                pending = pool.waiting(t);
            } else {
                active = Math.min(20, rng.poisson(0.5));
                pending = 0;
            }
            emit("db_pool_active_connections", service, t, active, "pool", "HikariPool-1");
            emit("db_pool_pending_threads", service, t, pending, "pool", "HikariPool-1");
        }
    }

    /** CPU burnt by JIT compilation and cache warm-up after a (re)start. */
    private static double startup(Service service, long t) {
        long ready;
        double peak;
        if (service == Service.INVENTORY) {
            ready = INVENTORY_READY;
            peak = 0.45;
        } else if (service == Service.PAYMENTS) {
            ready = t >= PAYMENTS_ROLLBACK_READY ? PAYMENTS_ROLLBACK_READY : PAYMENTS_NEW_READY;
            peak = 0.25;
        } else {
            return 0;
        }
        if (t < ready) {
            return 0;
        }
        double x = (double) (t - ready) / (3 * MINUTE);
        return x >= 1 ? 0 : peak * (1 - x);
    }

    private void emit(String name, Service service, long t, double value, String... extra) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("service", service.id);
        labels.put("instance", service.host);
        for (int i = 0; i < extra.length; i += 2) {
            labels.put(extra[i], extra[i + 1]);
        }
        out.add(new MetricSample(name, labels, t, value));
    }

    private static double round(double value, int decimals) {
        double scale = StrictMath.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
