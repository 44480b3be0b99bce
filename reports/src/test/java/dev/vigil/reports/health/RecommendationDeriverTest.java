package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.vigil.analytics.uptime.ProbeUptime;
import org.junit.jupiter.api.Test;

class RecommendationDeriverTest {
    private static final Instant FROM = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-02T12:00:00Z");

    private static HealthReport report(List<SloLine> slos, List<ProbeUptime> probes, List<IncidentLine> incidents, List<ChangeLine> changes) {
        return new HealthReport(FROM, TO, TO, List.of(new ServiceHealth("payments", ServiceStatus.DEGRADED, 90, 1000, 0.2, 900, 3000)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), slos, probes, incidents, changes, List.of(), List.of());
    }

    @Test
    void degradedDeployNotRolledBackIsTheFirstAction() {
        ChangeLine deploy = new ChangeLine("d1", FROM.plusSeconds(2520), "payments", "deploy", "v2.14.0", "degraded", "", true, "v2.13.2",
                false, 0.0, 0.9, 387, 30_000, 2e-9);
        List<ActionItem> items = RecommendationDeriver.derive(report(List.of(), List.of(), List.of(), List.of(deploy)));
        assertEquals("Roll back payments v2.14.0 to v2.13.2", items.get(0).action());
        assertEquals(ActionItem.Priority.HIGH, items.get(0).priority());
        assertEquals("Degraded: error rate 0% \u2192 90.0%, p95 387 ms \u2192 30.0 s, p < 0.001.", items.get(0).reason());
        // The deploy explains the degraded service: no second, vaguer item about it.
        assertTrue(items.stream().noneMatch(i -> i.action().startsWith("Look at payments")), items::toString);
    }

    @Test
    void sloWithLittleBudgetAndFastBurnSaysWhenItRunsOut() {
        SloLine slo = new SloLine("checkout-availability", "Checkout availability", "checkout", 99.9, Duration.ofDays(30), 0.9991,
                0.12, 6, Duration.ofHours(1), true, List.of());
        List<ActionItem> items = RecommendationDeriver.derive(report(List.of(slo), List.of(), List.of(), List.of()));
        ActionItem item = items.stream().filter(i -> i.action().startsWith("SLO")).findFirst().orElseThrow();
        assertEquals("SLO checkout-availability has 12.0% budget left at burn 6\u00D7 (1 h)", item.action());
        assertEquals(ActionItem.Priority.HIGH, item.priority());
        assertTrue(item.reason().contains("gone in 14 h 24 min"), item.reason());
    }

    @Test
    void healthyWindowAsksForNothing() {
        HealthReport r = new HealthReport(FROM, TO, TO, List.of(new ServiceHealth("search", ServiceStatus.HEALTHY, 100, 500, 0, 80, 150)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new SloLine("s", "s", "search", 99, Duration.ofDays(7), 0.999, 0.9, 0.1, Duration.ofHours(1), true, List.of())),
                List.of(new ProbeUptime("home", 100, 100, 1.0, 0, 0, 0, 0.1, 0.2, 99.9, true)), List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(), RecommendationDeriver.derive(r));
        assertEquals(ServiceStatus.HEALTHY, r.overallStatus());
    }

    @Test
    void openIncidentAndProbeUnderSlaRaiseTheOverallStatus() {
        IncidentLine open = new IncidentLine("20261102-abc123", "Inventory OOM", "inventory", true, FROM, TO, null,
                "Metric on inventory: jvm_memory_used_bytes{area=\"heap\"}", 0.98, List.of());
        ProbeUptime probe = new ProbeUptime("payments-api", 240, 204, 0.85, 1080, 1, 1080, Double.NaN, Double.NaN, 99.5, false);
        HealthReport r = new HealthReport(FROM, TO, TO, List.of(new ServiceHealth("inventory", ServiceStatus.HEALTHY, 99, 500, 0, 80, 150)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(probe), List.of(open), List.of(),
                List.of(), List.of());
        assertEquals(ServiceStatus.DEGRADED, r.overallStatus());
        List<String> actions = RecommendationDeriver.derive(r).stream().map(ActionItem::action).toList();
        assertEquals(List.of("Probe payments-api was up 85.00%, under its 99.5% SLA", "Resolve incident 20261102-abc123 (Inventory OOM)"),
                actions);
    }
}
