package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.LogFlows.FlowEvidence;
import dev.vigil.rca.SpanEvidenceCollector.Latency;
import dev.vigil.rca.SpanEvidenceCollector.SpanEvidence;
import org.junit.jupiter.api.Test;

/**
 * The graph reasoning of the service ranking: a slow callee explains its callers, not the reverse,
 * and self time tells a service's own slowness from time spent waiting on others.
 */
class ServiceRootRankerTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long T0 = 1_800_000_000L * 1_000_000_000L;
    private static final AnalysisFrame FRAME = AnalysisFrame.of(new TimeRange(T0 + 30 * MINUTE, T0 + 35 * MINUTE),
            new TimeRange(T0, T0 + 30 * MINUTE));

    private static Latency latency(String service, double normalMillis, double windowMillis) {
        Latency latency = new Latency(service, "op");
        for (int i = 0; i < 20; i++) {
            latency.add(false, normalMillis * (1 + i % 3 * 0.1), false);
            latency.add(true, windowMillis * (1 + i % 3 * 0.1), false);
        }
        return latency;
    }

    private static List<ServiceRootRanker.Verdict> rank(CallGraph graph, Map<String, Latency> latencies) {
        SpanEvidence spans = new SpanEvidence(graph, latencies, Map.of(), Map.of(), Map.of(), 100, false);
        LogFlows logs = new LogFlows(FRAME);
        FlowEvidence flows = logs.evidence(Map.of());
        return new ServiceRootRanker().rank(FRAME, spans, logs, flows, Map.of(), List.of(), Map.of());
    }

    @Test
    void aSlowCalleeOutranksItsCallersEvenWhenTheyAreSlowerOverall() {
        CallGraph graph = new CallGraph();
        graph.add("frontend", "checkout");
        graph.add("checkout", "payments");
        // Callers' self time barely moves (they wait, the waiting is their children's time);
        // payments' own work is 20 times slower.
        List<ServiceRootRanker.Verdict> verdicts = rank(graph, Map.of(
                "frontend", latency("frontend", 2, 2.2),
                "checkout", latency("checkout", 3, 6.5),
                "payments", latency("payments", 5, 100)));
        assertEquals("payments", verdicts.get(0).service(), verdicts.toString());
        assertEquals(CandidateKind.ENDPOINT, verdicts.get(0).candidate().kind());
        assertTrue(verdicts.get(0).candidate().explanation().contains("20.0 times slower"), verdicts.get(0).candidate().explanation());
    }

    @Test
    void aCallerOfAnAnomalousCalleeIsDiscountedAsItsVictim() {
        CallGraph graph = new CallGraph();
        graph.add("checkout", "payments");
        // Both equally slow on their own: the caller's score is discounted by its callee's.
        List<ServiceRootRanker.Verdict> verdicts = rank(graph, Map.of(
                "checkout", latency("checkout", 5, 60),
                "payments", latency("payments", 5, 60)));
        assertEquals(List.of("payments", "checkout"), verdicts.stream().map(ServiceRootRanker.Verdict::service).toList());
        assertTrue(verdicts.get(1).score() < verdicts.get(0).score() * 0.75, verdicts.toString());
    }

    @Test
    void healthyServicesAreNotCandidates() {
        CallGraph graph = new CallGraph();
        graph.add("checkout", "payments");
        List<ServiceRootRanker.Verdict> verdicts = rank(graph, Map.of(
                "checkout", latency("checkout", 5, 5.5),
                "payments", latency("payments", 5, 5.2)));
        assertTrue(verdicts.isEmpty(), verdicts.toString());
    }

    @Test
    void callGraphKeepsDirectionAndIgnoresCallsWithinAService() {
        CallGraph graph = new CallGraph();
        graph.add("checkout", "payments");
        graph.add("checkout", "payments");
        graph.add("payments", "payments");
        assertEquals(java.util.Set.of("payments"), graph.callees("checkout"));
        assertEquals(java.util.Set.of("checkout"), graph.callers("payments"));
        assertTrue(graph.callees("payments").isEmpty());
        assertEquals(2, graph.calls("checkout", "payments"));
        assertEquals(1, graph.edges());
    }
}
