package dev.vigil.rca;

import static dev.vigil.rca.IncidentGenerator.CHECKOUT;
import static dev.vigil.rca.IncidentGenerator.END;
import static dev.vigil.rca.IncidentGenerator.INVENTORY;
import static dev.vigil.rca.IncidentGenerator.MEMORY_METRIC;
import static dev.vigil.rca.IncidentGenerator.PAYMENTS;
import static dev.vigil.rca.IncidentGenerator.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root-cause analysis end to end: synthetic incidents written into a real pipeline, analysed over
 * the window an on-call engineer would pick (a few minutes before the symptoms, 30 minutes long).
 * Every failure message carries the seed and the ranking.
 */
class RootCauseAnalyzerTest {
    /** Override with -Dvigil.rca.seed=N to try the scenarios on other noise. */
    private static final long SEED = Long.getLong("vigil.rca.seed", 20261102L);
    private static final TimeRange WINDOW = new TimeRange(at(115), at(145));

    @TempDir
    Path dir;

    private RcaResult analyze(IncidentGenerator generator, TimeRange window) throws Exception {
        try (EventPipeline pipeline = generator.writeTo(dir)) {
            return new RootCauseAnalyzer(pipeline).analyze(new RcaRequest(window, null));
        }
    }

    /** Scenario A: payments is deployed; a minute later its latency and errors surge; checkout's errors follow. */
    private static IncidentGenerator deployScenario(long seed) {
        return new IncidentGenerator(seed)
                .change(at(119), ChangeType.DEPLOY, PAYMENTS, "v2.4.0", "new payment provider client")
                .latency(PAYMENTS, at(120), END, 6)
                .errors(PAYMENTS, at(120), END, 0.3)
                .errors(CHECKOUT, at(123), END, 0.2);
    }

    @Test
    void deployRightBeforeTheSymptomsIsTheTopCandidate() throws Exception {
        RcaResult result = analyze(deployScenario(SEED), WINDOW);
        String context = describe(result);
        assertContract(result, context);
        assertEquals(WINDOW, result.window());
        assertTrue(result.baseline().toNanos() <= WINDOW.fromNanos() - 30 * IncidentGenerator.MINUTE, context);
        assertTrue(result.baseline().length().compareTo(Duration.ofMinutes(60)) >= 0, context);
        RootCauseCandidate top = result.top();
        assertNotNull(top, context);
        assertEquals(CandidateKind.CHANGE, top.kind(), context);
        assertEquals(PAYMENTS, top.service(), context);
        assertTrue(top.subject().contains("v2.4.0"), context);
        assertEquals(Timestamps.toInstant(at(119)), top.onset(), context);
        assertTrue(top.score() >= 0.8, context);
        // The symptoms were found, at the right times, and rank below the deploy as its consequences.
        assertHas(result, s -> s.service().equals(PAYMENTS) && s.subject().startsWith(IncidentGenerator.LATENCY_METRIC),
                at(120), 1, context);
        // A message shape needs two in a minute to count as busy, so its onset may lag a minute.
        assertHas(result, s -> s.service().equals(PAYMENTS) && s.kind() == CandidateKind.LOG_PATTERN
                && s.subject().startsWith("payment provider call failed"), at(120.5), 1.5, context);
        assertHas(result, s -> s.service().equals(CHECKOUT) && s.kind() != CandidateKind.CHANGE, at(123), 1, context);
        for (AnomalousSignal signal : result.signals()) {
            assertFalse(signal.onset().isBefore(Timestamps.toInstant(at(118))), "nothing was wrong before the deploy: " + context);
        }
        RootCauseCandidate latency = find(result, c -> c.kind() == CandidateKind.METRIC && c.service().equals(PAYMENTS)
                && c.subject().startsWith(IncidentGenerator.LATENCY_METRIC), context);
        assertTrue(latency.explanation().contains("consequence"), context);
    }

    @Test
    void memoryRampBeforeTheSymptomsBeatsALaterDistractorChange() throws Exception {
        // Scenario B: no change on inventory; its memory climbs from T0 + 100 min and its latency
        // and errors break 20 min later. A config change on checkout lands just before those symptoms,
        // but checkout only suffers 10 min after it.
        IncidentGenerator generator = new IncidentGenerator(SEED)
                .memoryRamp(INVENTORY, at(100), END, 12e6)
                .latency(INVENTORY, at(120), END, 4)
                .errors(INVENTORY, at(120), END, 0.25)
                .change(at(118), ChangeType.CONFIG_CHANGE, CHECKOUT, null, "lower connection timeout to 2 s")
                .errors(CHECKOUT, at(128), END, 0.2);
        RcaResult result = analyze(generator, WINDOW);
        String context = describe(result);
        assertContract(result, context);
        RootCauseCandidate top = result.top();
        assertEquals(CandidateKind.METRIC, top.kind(), context);
        assertEquals(INVENTORY, top.service(), context);
        assertTrue(top.subject().startsWith(MEMORY_METRIC), context);
        // Found within a few minutes of the start of the ramp, well before the window.
        assertTrue(!top.onset().isBefore(Timestamps.toInstant(at(100)))
                && top.onset().isBefore(Timestamps.toInstant(at(106))), context);
        RootCauseCandidate distractor = find(result, c -> c.kind() == CandidateKind.CHANGE, context);
        assertEquals(CHECKOUT, distractor.service(), context);
        assertTrue(distractor.rank() > 1, context);
        assertTrue(distractor.score() < top.score() - 0.2, context);
        assertTrue(distractor.explanation().contains("already under way"), context);
    }

    @Test
    void rollbackAfterTheOnsetIsMitigationNotCause() throws Exception {
        // Scenario C: payments breaks at T0 + 120 min with no change in sight (yesterday's deploy);
        // the rollback 8 min later fixes it two minutes after that.
        IncidentGenerator generator = new IncidentGenerator(SEED)
                .latency(PAYMENTS, at(120), at(130), 6)
                .errors(PAYMENTS, at(120), at(130), 0.3)
                .change(at(128), ChangeType.ROLLBACK, PAYMENTS, "v2.3.9", "roll back to the last good version");
        RcaResult result = analyze(generator, WINDOW);
        String context = describe(result);
        assertContract(result, context);
        RootCauseCandidate top = result.top();
        assertTrue(top.kind() != CandidateKind.CHANGE, context);
        assertEquals(PAYMENTS, top.service(), context);
        RootCauseCandidate rollback = find(result, c -> c.kind() == CandidateKind.CHANGE, context);
        assertTrue(rollback.rank() > 1, context);
        assertTrue(rollback.score() <= 0.25, context);
        assertTrue(rollback.explanation().contains("mitigation"), context);
    }

    @Test
    void aQuietSystemHasNoAnomaliesAndAHarmlessDeployScoresLow() throws Exception {
        IncidentGenerator generator = new IncidentGenerator(SEED)
                .change(at(119), ChangeType.DEPLOY, INVENTORY, "v7.1.0", "copy changes");
        RcaResult result = analyze(generator, WINDOW);
        String context = describe(result);
        assertContract(result, context);
        assertEquals(List.of(), result.signals(), context);
        assertEquals(1, result.candidates().size(), context);
        assertEquals(CandidateKind.CHANGE, result.top().kind(), context);
        assertTrue(result.top().score() <= 0.2, context);
    }

    // ---- helpers ----

    private static void assertContract(RcaResult result, String context) {
        List<RootCauseCandidate> candidates = result.candidates();
        assertTrue(candidates.size() <= RootCauseRanker.MAX_CANDIDATES, context);
        for (int i = 0; i < candidates.size(); i++) {
            RootCauseCandidate c = candidates.get(i);
            assertEquals(i + 1, c.rank(), "ranks run 1..n: " + context);
            assertTrue(c.score() >= 0 && c.score() <= 1, "score within 0..1: " + context);
            if (i > 0) {
                assertTrue(c.score() <= candidates.get(i - 1).score(), "scores never increase: " + context);
            }
            assertNotNull(c.kind(), context);
            assertFalse(c.service() == null || c.service().isBlank(), context);
            assertFalse(c.subject() == null || c.subject().isBlank(), context);
            assertFalse(c.evidence().isEmpty(), "evidence for " + c.subject() + ": " + context);
            assertFalse(c.explanation() == null || c.explanation().isBlank(), context);
            assertNotNull(c.onset(), "onset for " + c.subject() + ": " + context);
        }
        Instant previous = Instant.MIN;
        for (AnomalousSignal s : result.signals()) {
            assertNotNull(s.onset(), context);
            assertFalse(s.onset().isBefore(previous), "signals earliest first: " + context);
            assertTrue(s.end().isAfter(s.onset()), context);
            assertTrue(Double.isFinite(s.peakScore()), context);
            previous = s.onset();
        }
    }

    private static void assertHas(RcaResult result, Predicate<AnomalousSignal> which, long expectedOnset, double toleranceMinutes,
                                  String context) {
        AnomalousSignal signal = result.signals().stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("missing signal: " + context));
        long off = Math.abs(Timestamps.toNanos(signal.onset()) - expectedOnset);
        assertTrue(off <= toleranceMinutes * IncidentGenerator.MINUTE, "onset of " + signal.subject() + " is " + signal.onset()
                + ", expected " + Timestamps.toInstant(expectedOnset) + ": " + context);
    }

    private static RootCauseCandidate find(RcaResult result, Predicate<RootCauseCandidate> which, String context) {
        return result.candidates().stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("missing candidate: " + context));
    }

    private static String describe(RcaResult result) {
        StringBuilder out = new StringBuilder("seed ").append(SEED).append("\ncandidates:");
        for (RootCauseCandidate c : result.candidates()) {
            out.append(String.format(Locale.ROOT, "%n  %2d %.3f %-11s %-9s %s @ %s | %s", c.rank(), c.score(), c.kind(), c.service(),
                    c.subject(), c.onset(), c.explanation()));
        }
        out.append("\nsignals:");
        for (AnomalousSignal s : result.signals()) {
            out.append(String.format(Locale.ROOT, "%n  %s %s %s %s..%s z=%.1f", s.kind(), s.service(), s.subject(), s.onset(), s.end(),
                    s.peakScore()));
        }
        return out.toString();
    }
}
