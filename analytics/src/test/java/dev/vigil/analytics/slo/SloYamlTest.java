package dev.vigil.analytics.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SloYamlTest {
    static final String GOOD = """
            slos:
              - name: Checkout availability
                service: checkout
                endpoint: POST /api/checkout
                indicator:
                  type: availability
                target: 99.9
                window: 30d
              - id: checkout-latency
                name: Checkout latency
                service: checkout
                indicator: {type: latency, threshold: 300ms}
                target: "99%"
                window: 7d
                alerting:
                  hysteresis: 0.8
                  rules:
                    - {severity: page, long: 1h, short: 5m, burn: 10}
              - name: API from counters
                indicator:
                  type: availability
                  source: metrics
                  good: http_requests_total{code!~"5.."}
                  total: http_requests_total
                target: 99.5
            """;

    @Test
    void readsAllThreeKindsWithDefaults() {
        List<SloDefinition> slos = SloYaml.read(GOOD, "slos.yaml", SloDefinition.ORIGIN_FILE);
        assertEquals(3, slos.size());
        SloDefinition availability = slos.get(0);
        assertEquals("checkout-availability", availability.id());
        assertEquals("POST /api/checkout", availability.endpoint());
        assertInstanceOf(Indicator.Availability.class, availability.indicator());
        assertEquals(0.001, availability.errorBudgetRatio(), 1e-12);
        assertEquals(BurnRatePolicy.standard(), availability.policy());

        SloDefinition latency = slos.get(1);
        assertEquals(new Indicator.Latency(Duration.ofMillis(300)), latency.indicator());
        assertEquals(99.0, latency.target());
        assertEquals(Duration.ofDays(7), latency.window());
        assertEquals(0.8, latency.policy().hysteresis());
        assertEquals(List.of(new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 10)), latency.policy().rules());

        SloDefinition metric = slos.get(2);
        assertEquals("api-from-counters", metric.id());
        assertNull(metric.service());
        assertEquals(new Indicator.MetricRatio("availability", "http_requests_total{code!~\"5..\"}", "http_requests_total"),
                metric.indicator());
        assertEquals(Duration.ofDays(30), metric.window());
    }

    @Test
    void writesWhatItReadsBack() {
        List<SloDefinition> slos = SloYaml.read(GOOD, "slos.yaml", SloDefinition.ORIGIN_API);
        assertEquals(slos, SloYaml.read(SloYaml.write(slos), "again", SloDefinition.ORIGIN_API));
    }

    @Test
    void everyProblemNamesItsFieldAndLine() {
        String bad = """
                slos:
                  - name: Checkout
                    service: checkout
                    indicator:
                      type: latency
                      threshold: fast
                    target: 120
                    windw: 30d
                  - name: Checkout
                    indicator: {type: availability}
                    target: 99
                    alerting:
                      rules:
                        - {severity: sms, long: 5m, short: 1h, burn: 2}
                """;
        SloValidationException e = assertThrows(SloValidationException.class, () -> SloYaml.read(bad, "slos.yaml", "file"));
        Map<String, Integer> lines = new java.util.HashMap<>();
        e.problems().forEach(p -> lines.put(p.field(), p.line()));
        assertEquals(6, lines.get("slos[0].indicator.threshold"), e.getMessage());
        assertEquals(7, lines.get("slos[0].target"), e.getMessage());
        assertEquals(8, lines.get("slos[0].windw"), e.getMessage());
        assertEquals(9, lines.get("slos[1].service"), e.getMessage());
        assertEquals(14, lines.get("slos[1].alerting.rules[0].severity"), e.getMessage());
        assertTrue(e.getMessage().startsWith("slos.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("slos[0].indicator.threshold (line 6): 'fast' is not a duration"), e.getMessage());
    }

    @Test
    void shortWindowMustBeShorterAndIdsUnique() {
        String bad = """
                - {name: A, service: a, indicator: {type: availability}, target: 99,
                   alerting: {rules: [{severity: page, long: 5m, short: 1h, burn: 2}]}}
                - {name: B, id: same, service: b, indicator: {type: availability}, target: 99}
                - {name: C, id: same, service: c, indicator: {type: availability}, target: 99}
                """;
        SloValidationException e = assertThrows(SloValidationException.class, () -> SloYaml.read(bad, "x", "file"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("must be shorter than the long window"), e.getMessage());
        assertEquals("[2].id", e.problems().get(1).field());
        assertEquals(4, e.problems().get(1).line());
        assertTrue(e.problems().get(1).message().contains("[1] (line 3)"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysHaveLines() {
        SloValidationException syntax = assertThrows(SloValidationException.class,
                () -> SloYaml.read("slos:\n  - name: [unclosed\n", "f", "file"));
        assertTrue(syntax.problems().get(0).line() >= 2, syntax.getMessage());
        SloValidationException duplicate = assertThrows(SloValidationException.class,
                () -> SloYaml.read("slos:\n  - name: a\n    name: b\n", "f", "file"));
        assertEquals(3, duplicate.problems().get(0).line(), duplicate.getMessage());
        assertEquals("slos[0].name", duplicate.problems().get(0).field());
    }

    @Test
    void metricSelectorsAreChecked() {
        String bad = "- {name: m, indicator: {type: availability, source: metrics, good: 'x{a=', total: y}, target: 99}\n";
        SloValidationException e = assertThrows(SloValidationException.class, () -> SloYaml.read(bad, "f", "file"));
        assertEquals("[0].indicator.good", e.problems().get(0).field(), e.getMessage());
    }
}
