package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.Test;

/** The ranking rules on hand-built signals and changes (minutes are after T0 = 10:00). */
class RootCauseRankerTest {
    private static final double EPS = 1e-9;
    private static final long T0 = IncidentGenerator.T0;
    private static final AnalysisFrame FRAME = AnalysisFrame.around(new TimeRange(at(115), at(145)));

    private final RootCauseRanker ranker = new RootCauseRanker();

    private static long at(double minutes) {
        return T0 + Math.round(minutes * IncidentGenerator.MINUTE);
    }

    private static Instant instant(double minutes) {
        return Timestamps.toInstant(at(minutes));
    }

    private static AnomalousSignal signal(CandidateKind kind, String service, String subject, double onsetMinute, double peak) {
        return new AnomalousSignal(kind, service, subject, instant(onsetMinute), instant(145), peak, 10 * peak, 1.0);
    }

    private static AnomalousSignal metric(String service, String subject, double onsetMinute, double peak) {
        return signal(CandidateKind.METRIC, service, subject, onsetMinute, peak);
    }

    private static ChangeEvent change(ChangeType type, String service, double minute) {
        return new ChangeEvent(at(minute), type, service, "v1." + (int) minute, "production", null, null, null, Map.of());
    }

    private List<RootCauseCandidate> rank(List<AnomalousSignal> signals, List<ChangeEvent> changes) {
        List<RootCauseCandidate> ranked = ranker.rank(FRAME, signals, Map.of(), changes);
        assertContract(ranked);
        return ranked;
    }

    private static RootCauseCandidate of(List<RootCauseCandidate> ranked, String subject) {
        return ranked.stream().filter(c -> c.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + subject + " in " + ranked));
    }

    private static RootCauseCandidate change(List<RootCauseCandidate> ranked) {
        return ranked.stream().filter(c -> c.kind() == CandidateKind.CHANGE).findFirst()
                .orElseThrow(() -> new AssertionError("no change in " + ranked));
    }

    static void assertContract(List<RootCauseCandidate> ranked) {
        assertTrue(ranked.size() <= RootCauseRanker.MAX_CANDIDATES);
        for (int i = 0; i < ranked.size(); i++) {
            RootCauseCandidate c = ranked.get(i);
            assertEquals(i + 1, c.rank(), ranked.toString());
            assertTrue(c.score() >= 0 && c.score() <= 1, ranked.toString());
            if (i > 0) {
                assertTrue(c.score() <= ranked.get(i - 1).score(), ranked.toString());
            }
            assertFalse(c.evidence().isEmpty(), ranked.toString());
            assertFalse(c.explanation().isBlank(), ranked.toString());
            assertNotNull(c.onset(), ranked.toString());
        }
    }

    @Test
    void nothingToRank() {
        assertEquals(List.of(), rank(List.of(), List.of()));
    }

    @Test
    void deployJustBeforeTheFirstAnomalyRanksFirstAndItsConsequencesBelow() {
        List<RootCauseCandidate> ranked = rank(List.of(
                        metric("payments", "latency", 120, 100),
                        signal(CandidateKind.ENDPOINT, "checkout", "POST /api/checkout error rate", 123, 100)),
                List.of(change(ChangeType.DEPLOY, "payments", 119)));
        RootCauseCandidate top = ranked.get(0);
        assertEquals(CandidateKind.CHANGE, top.kind());
        assertEquals("deploy payments v1.119 (production)", top.subject());
        // 1 min before: 0.6 + 0.35 * exp(-1/10)
        assertEquals(0.6 + 0.35 * Math.exp(-0.1), top.score(), 1e-3);
        assertEquals(instant(119), top.onset());
        assertTrue(top.explanation().contains("60 s before"), top.explanation());
        RootCauseCandidate latency = of(ranked, "latency");
        assertTrue(latency.explanation().contains("more likely its consequence"), latency.explanation());
        // Undemoted it would be 0.1 + 0.8 * (0.65 + 0.35 * severity(100)); the deploy takes 15 % off.
        double undemoted = 0.1 + 0.8 * (0.65 + 0.35 * SignalDetection.severity(100));
        assertEquals(undemoted * 0.85, latency.score(), 2e-3);
    }

    @Test
    void aChangeOnAServiceWithoutAnomaliesIsUnlikely() {
        List<RootCauseCandidate> ranked = rank(List.of(metric("payments", "latency", 120, 50)),
                List.of(change(ChangeType.DEPLOY, "inventory", 119)));
        RootCauseCandidate deploy = change(ranked);
        assertEquals(0.15, deploy.score(), EPS);
        assertEquals(2, deploy.rank());
        assertTrue(deploy.explanation().startsWith("No anomaly"), deploy.explanation());
        assertFalse(of(ranked, "latency").explanation().contains("consequence"), "a weak change demotes nothing");
    }

    @Test
    void aRollbackAfterTheOnsetIsMitigation() {
        List<RootCauseCandidate> ranked = rank(List.of(metric("payments", "latency", 120, 50)),
                List.of(change(ChangeType.ROLLBACK, "payments", 128)));
        RootCauseCandidate rollback = change(ranked);
        assertEquals(0.2, rollback.score(), EPS);
        assertTrue(rollback.rank() > 1);
        assertTrue(rollback.explanation().contains("mitigation"), rollback.explanation());
        assertTrue(rollback.explanation().contains("8 min"), rollback.explanation());
    }

    @Test
    void aChangeLongBeforeTheFirstAnomalyIsUnlikely() {
        List<RootCauseCandidate> ranked = rank(List.of(metric("payments", "latency", 120, 50)),
                List.of(change(ChangeType.DEPLOY, "payments", 80)));
        assertEquals(0.3, change(ranked).score(), EPS);
        assertTrue(change(ranked).explanation().contains("40 min"), change(ranked).explanation());
    }

    @Test
    void proximityDecaysWithinTheHorizon() {
        double previous = 1;
        for (double minute : new double[] {119.5, 115, 105, 92}) {
            List<RootCauseCandidate> ranked = rank(List.of(metric("payments", "latency", 120, 50)),
                    List.of(change(ChangeType.DEPLOY, "payments", minute)));
            double score = change(ranked).score();
            assertEquals(0.6 + 0.35 * Math.exp(-(120 - minute) / 10), score, 1e-3, "deploy at minute " + minute);
            assertTrue(score < previous);
            previous = score;
        }
        // Up to the tolerance after the onset still counts as "just as".
        List<RootCauseCandidate> late = rank(List.of(metric("payments", "latency", 120, 50)),
                List.of(change(ChangeType.DEPLOY, "payments", 121.5)));
        assertEquals(0.95, change(late).score(), EPS);
        assertTrue(change(late).explanation().contains("just as"), change(late).explanation());
    }

    @Test
    void aChangeAfterTheIncidentBeganElsewhereIsHalved() {
        List<RootCauseCandidate> ranked = rank(List.of(
                        metric("inventory", "memory", 100, 80),
                        metric("payments", "latency", 120, 80)),
                List.of(change(ChangeType.CONFIG_CHANGE, "payments", 119)));
        RootCauseCandidate config = change(ranked);
        assertEquals((0.6 + 0.35 * Math.exp(-0.1)) * 0.5, config.score(), 1e-3);
        assertTrue(config.explanation().contains("already under way"), config.explanation());
        assertEquals("memory", ranked.get(0).subject());
    }

    @Test
    void aChangeOnAServiceThatWentWrongAfterOthersIsDiscounted() {
        // inventory first at 118; the change at 119 on payments, whose first anomaly is at 121.
        List<RootCauseCandidate> ranked = rank(List.of(
                        metric("inventory", "memory", 118, 80),
                        metric("payments", "latency", 121, 80)),
                List.of(change(ChangeType.DEPLOY, "payments", 119)));
        RootCauseCandidate deploy = change(ranked);
        assertEquals((0.6 + 0.35 * Math.exp(-0.2)) * 0.6, deploy.score(), 1e-3);
        assertTrue(deploy.explanation().contains("looks affected rather than the origin"), deploy.explanation());
    }

    @Test
    void aRollbackJustBeforeTheOnsetWeighsLessThanADeploy() {
        List<AnomalousSignal> signals = List.of(metric("payments", "latency", 120, 80));
        double deploy = change(rank(signals, List.of(change(ChangeType.DEPLOY, "payments", 119)))).score();
        double rollback = change(rank(signals, List.of(change(ChangeType.ROLLBACK, "payments", 119)))).score();
        assertEquals(deploy * 0.8, rollback, 1e-3);
    }

    @Test
    void earlierAnomaliesRankAboveLaterOnesOfTheSameSize() {
        List<RootCauseCandidate> ranked = rank(List.of(
                metric("checkout", "late", 130, 40),
                metric("payments", "early", 110, 40),
                metric("inventory", "middle", 120, 40)), List.of());
        assertEquals(List.of("early", "middle", "late"), ranked.stream().map(RootCauseCandidate::subject).toList());
        // Earliest: earliness 1; the span runs from the first onset to the window end (35 min).
        assertEquals(0.1 + 0.8 * (0.65 + 0.35 * 0.5), ranked.get(0).score(), 1e-3);
        assertEquals(0.1 + 0.8 * (0.65 * (1 - 20.0 / 35) + 0.35 * 0.5), ranked.get(2).score(), 1e-3);
        assertTrue(ranked.get(0).explanation().contains("earliest anomaly"), ranked.get(0).explanation());
        assertTrue(ranked.get(2).explanation().contains("20 min after the first anomaly"), ranked.get(2).explanation());
    }

    @Test
    void atTheSameOnsetTheLargerDeviationRanksFirst() {
        List<RootCauseCandidate> ranked = rank(List.of(
                metric("payments", "small", 120, 6),
                metric("payments", "large", 120, -300)), List.of());
        assertEquals("large", ranked.get(0).subject());
        assertTrue(ranked.get(0).explanation().contains("fell"), ranked.get(0).explanation());
        assertTrue(ranked.get(1).explanation().contains("rose"), ranked.get(1).explanation());
    }

    @Test
    void equalScoresKeepTheEarlierOnsetFirst() {
        // Two changes on quiet services score 0.15 each: the earlier comes first.
        List<RootCauseCandidate> ranked = rank(List.of(metric("payments", "latency", 120, 50)),
                List.of(change(ChangeType.DEPLOY, "b-service", 119), change(ChangeType.DEPLOY, "a-service", 100)));
        assertEquals("a-service", ranked.get(1).service());
        assertEquals("b-service", ranked.get(2).service());
    }

    @Test
    void extraEvidenceIsAttached() {
        AnomalousSignal surge = signal(CandidateKind.LOG_PATTERN, "payments", "payment failed for order <*>", 120, 8);
        Evidence counts = Evidence.of("240 occurrences in the window vs 0 in the baseline", 240, 0.25);
        List<RootCauseCandidate> ranked = ranker.rank(FRAME, List.of(surge), Map.of(surge, List.of(counts)), List.of());
        assertContract(ranked);
        assertTrue(ranked.get(0).evidence().contains(counts), ranked.get(0).evidence().toString());
        assertTrue(ranked.get(0).explanation().contains("surged"), ranked.get(0).explanation());
    }

    @Test
    void atMostTwentyFiveCandidates() {
        List<AnomalousSignal> signals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            signals.add(metric("svc" + i, "metric " + i, 100 + i * 0.5, 10 + i));
        }
        List<RootCauseCandidate> ranked = rank(signals, List.of(change(ChangeType.DEPLOY, "svc0", 99)));
        assertEquals(RootCauseRanker.MAX_CANDIDATES, ranked.size());
        assertEquals(CandidateKind.CHANGE, ranked.get(0).kind());
    }

    @Test
    void changeDescriptions() {
        ChangeEvent full = new ChangeEvent(at(1), ChangeType.DEPLOY, "payments", "v2.4.0", "production", "canary", null, "x", Map.of());
        assertEquals("deploy payments v2.4.0 (canary, production)", RootCauseRanker.describe(full));
        ChangeEvent bare = new ChangeEvent(at(1), ChangeType.CONFIG_CHANGE, "checkout", null, null, null, null, "raise pool size", Map.of());
        assertEquals("config_change checkout: raise pool size", RootCauseRanker.describe(bare));
        assertEquals("45 s", RootCauseRanker.human(Duration.ofSeconds(45)));
        assertEquals("2 min", RootCauseRanker.human(Duration.ofSeconds(120)));
        assertEquals("89 s", RootCauseRanker.human(Duration.ofSeconds(-89)));
        assertEquals("2.0 h", RootCauseRanker.human(Duration.ofHours(2)));
    }
}
