package dev.vigil.reports.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Realistic and empty {@link HealthReport}s for tests. */
final class HealthReportFixtures {

    static final Instant FROM = Instant.parse("2025-03-14T08:00:00Z");
    static final Instant TO = Instant.parse("2025-03-14T12:00:00Z");
    static final Instant GENERATED = Instant.parse("2025-03-14T12:03:17Z");
    static final Instant DEPLOY = Instant.parse("2025-03-14T10:12:00Z");
    static final Duration BUCKET = Duration.ofMinutes(1);

    static final List<String> SERVICES = List.of("api-gateway", "checkout", "payments", "inventory", "auth");
    static final String TOP_CAUSE_SUBJECT = "checkout v2.14.0 rollout";
    static final String TOP_CAUSE_EXPLANATION =
            "Latency and errors on checkout rose within two minutes of the v2.14.0 deploy; no other service changed"
                    + " and upstream dependencies stayed flat.";

    private HealthReportFixtures() {
    }

    /** Five services over four hours; checkout degraded after a deploy at 10:12 UTC; inventory has a data gap. */
    static HealthReport realistic() {
        List<ServiceHealth> services = List.of(
                new ServiceHealth("api-gateway", ServiceStatus.HEALTHY, 99.98, 2_184_532, 0.0061, 142, 388),
                new ServiceHealth("checkout", ServiceStatus.DEGRADED, 99.41, 312_870, 0.0387, 864, 2_412),
                new ServiceHealth("payments", ServiceStatus.HEALTHY, 100.0, 298_115, 0.0012, 212, 465),
                new ServiceHealth("inventory", ServiceStatus.HEALTHY, 99.996, 741_009, 0.0004, 38.5, 96),
                new ServiceHealth("auth", ServiceStatus.HEALTHY, 99.99, 905_442, 0.00002, 11.2, 27.9));

        List<EndpointHealth> endpoints = List.of(
                new EndpointHealth("checkout", "POST /api/checkout", 188_402, 13.08, 0.0512, 310, 1_240, 3_180),
                new EndpointHealth("checkout", "GET /api/cart", 124_468, 8.64, 0.0201, 45, 220, 610),
                new EndpointHealth("api-gateway", "POST /api/checkout", 188_950, 13.12, 0.0498, 330, 1_290, 3_260),
                new EndpointHealth("api-gateway", "GET /api/products", 1_402_117, 97.37, 0.0009, 18, 64, 140),
                new EndpointHealth("payments", "POST /v1/charges", 298_115, 20.70, 0.0012, 120, 212, 465),
                new EndpointHealth("inventory", "GET /stock/{sku}", 741_009, 51.46, 0.0004, 9.8, 38.5, 96),
                new EndpointHealth("auth", "POST /oauth/token", 905_442, 62.88, 0.00002, 4.1, 11.2, 27.9),
                new EndpointHealth("api-gateway", "GET /health", 14_400, 1.0, Double.NaN, 0.4, 0.9, 1.6));

        List<Bottleneck> bottlenecks = List.of(
                new Bottleneck("checkout", "POST /api/checkout", 3_180, 47.2,
                        "N+1 queries on cart_items after v2.14.0 | pool exhausted"),
                new Bottleneck("payments", "POST /v1/charges", 465, 18.9, "Synchronous call to card network"));

        List<AnomalyFinding> anomalies = List.of(
                new AnomalyFinding("api-gateway", "error rate", DEPLOY.plusSeconds(240), 4.6, 0.031, 0.004),
                new AnomalyFinding("checkout", "p95 latency", DEPLOY.plusSeconds(60), 9.8, 1_240, 182),
                new AnomalyFinding("checkout", "error rate", DEPLOY.plusSeconds(120), 7.4, 0.061, 0.003),
                new AnomalyFinding("inventory", "request rate", Instant.parse("2025-03-14T09:00:00Z"), 3.1, 0, 51.2));

        List<RootCauseLine> rootCauses = List.of(
                new RootCauseLine(2, "config change", "payments", "feature flag fraud-check-v3 enabled", 0.22,
                        Instant.parse("2025-03-14T09:47:00Z"),
                        "Flag flip preceded the incident by 25 minutes; payments latency unchanged.",
                        List.of("payments p95 stable at 212 ms before and after")),
                new RootCauseLine(1, "deploy", "checkout", TOP_CAUSE_SUBJECT, 0.91, DEPLOY, TOP_CAUSE_EXPLANATION,
                        List.of("checkout p95 rose from 182 ms to 1.24 s at 10:13 UTC",
                                "checkout error rate rose from 0.3% to 6.1% at 10:14 UTC",
                                "1,842 new `SQLTransientConnectionException` log lines after the deploy",
                                "api-gateway errors follow checkout errors (lag 2 min)")),
                new RootCauseLine(3, "dependency", "inventory", "collector outage", 0.08, null,
                        "Missing metrics 09:00 to 09:20 UTC look like a collector gap, not an outage.", List.of()));

        return new HealthReport(FROM, TO, GENERATED, services, endpoints, bottlenecks, anomalies, rootCauses,
                timelines());
    }

    /** No services, no data. */
    static HealthReport empty() {
        return HealthReport.empty(FROM, TO, GENERATED);
    }

    static List<ServiceTimeline> timelines() {
        int n = (int) (Duration.between(FROM, TO).toMinutes());
        List<Instant> buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buckets.add(FROM.plus(BUCKET.multipliedBy(i)));
        }
        int deploy = (int) Duration.between(FROM, DEPLOY).toMinutes();
        Random rnd = new Random(42);
        List<ServiceTimeline> out = new ArrayList<>();
        double[][] base = { // rate/s, error, p95
            {152, 0.004, 135}, {21.7, 0.003, 182}, {20.7, 0.0012, 210}, {51.5, 0.0004, 38}, {62.9, 0.00002, 11},
        };
        for (int s = 0; s < SERVICES.size(); s++) {
            String name = SERVICES.get(s);
            double[] rate = new double[n];
            double[] err = new double[n];
            double[] p95 = new double[n];
            for (int i = 0; i < n; i++) {
                double diurnal = 1 + 0.25 * Math.sin(i / (double) n * Math.PI);
                rate[i] = base[s][0] * diurnal * (1 + 0.05 * rnd.nextGaussian());
                err[i] = Math.max(0, base[s][1] * (1 + 0.3 * rnd.nextGaussian()));
                p95[i] = base[s][2] * (1 + 0.08 * rnd.nextGaussian());
                boolean after = i >= deploy + 1;
                if (name.equals("checkout") && after) {
                    p95[i] = 1_240 * (1 + 0.1 * rnd.nextGaussian());
                    err[i] = 0.061 * (1 + 0.15 * rnd.nextGaussian());
                }
                if (name.equals("api-gateway") && i >= deploy + 3) {
                    err[i] = 0.031 * (1 + 0.15 * rnd.nextGaussian());
                    p95[i] = 290 * (1 + 0.08 * rnd.nextGaussian());
                }
            }
            if (name.equals("inventory")) {
                // collector gap 09:00-09:20
                Arrays.fill(rate, 60, 80, Double.NaN);
                Arrays.fill(err, 60, 80, Double.NaN);
                Arrays.fill(p95, 60, 80, Double.NaN);
            }
            out.add(new ServiceTimeline(name, buckets, rate, err, p95));
        }
        return out;
    }
}
