package dev.vigil.rca.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateMiner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry point on a real pipeline (journal and Lucene index in a temporary directory), with
 * templates off so warning lines are grouped by their masked shape: a rolling deploy that breaks
 * its service, a verdict attached to a change event that was never stored (as the RCA or an
 * incident would ask), a canary whose requests carry no side, and a change too recent to judge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeIntelligenceTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_780_315_200L * SECOND; // 2026-06-01T12:00:00Z
    private static final long SEED = 99;

    private EventPipeline pipeline;
    private ChangeIntelligence changes;
    private ChangeEvent deploy;

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        pipeline = EventPipeline.open(PipelineConfig.defaults(dir));
        Random random = new Random(SEED);
        List<LogEvent> logs = new ArrayList<>();
        for (long t = T0 - 20 * 60 * SECOND; t < T0 + 20 * 60 * SECOND; t += 5 * SECOND) {
            boolean broken = t >= T0 + 90 * SECOND;
            boolean fails = broken && random.nextDouble() < 0.3;
            double ms = 40 * Math.exp(0.3 * random.nextGaussian());
            logs.add(new LogEvent(t, "orders", "orders-1", fails ? Level.ERROR : Level.INFO, "POST /orders " + (fails ? 500 : 200),
                    Map.of("route", "/orders", "method", "POST", "status", fails ? "500" : "200", "duration_ms", String.format(java.util.Locale.ROOT, "%.1f", ms))));
            if (fails) {
                logs.add(new LogEvent(t + 1, "orders", "orders-1", Level.ERROR, "order " + t % 997 + " rejected: schema mismatch on column total",
                        Map.of()));
            }
            logs.add(new LogEvent(t + 2, "ledger", "ledger-1", Level.INFO, "GET /ledger 200",
                    Map.of("route", "/ledger", "status", "200", "duration_ms", String.format(java.util.Locale.ROOT, "%.1f", 20 * Math.exp(0.3 * random.nextGaussian())))));
        }
        long last = pipeline.append(EventKind.LOG, logs).join();
        deploy = change(T0, ChangeType.DEPLOY, "orders", "v4.0", "rolling");
        long changesAt = pipeline.append(EventKind.CHANGE, List.of(deploy, change(T0, ChangeType.DEPLOY, "ledger", "v1.1", "canary"))).join();
        pipeline.awaitSearchable(Math.max(last, changesAt)).join();
        changes = new ChangeIntelligence(pipeline, new TemplateMiner(), VerdictSettings.defaults(), () -> T0 + 3600 * SECOND);
    }

    @AfterAll
    void close() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static ChangeEvent change(long at, ChangeType type, String service, String version, String strategy) {
        return new ChangeEvent(at, type, service, version, "production", strategy, ChangeStatus.SUCCEEDED, null, Map.of());
    }

    @Test
    void aBrokenRollingDeployIsDegradedWithItsNewErrorShape() {
        ChangeVerdict verdict = changes.verdict(ChangeId.of(deploy)).orElseThrow();
        assertEquals(Verdict.DEGRADED, verdict.verdict(), verdict::summary);
        assertEquals(ComparisonPlan.BEFORE_AFTER, verdict.plan().mode());
        TimeRange after = verdict.plan().after();
        assertEquals(T0 + 60 * SECOND, after.fromNanos(), "starts after the settle period");
        // The last request is at T0 + 1195 s (its error line, if any, 1 ns later): the window ends just after the data.
        assertTrue(after.toNanos() > T0 + 1195 * SECOND && after.toNanos() <= T0 + 1195 * SECOND + 2, after::toString);
        assertEquals(new TimeRange(T0 - after.lengthNanos(), T0), verdict.plan().before(), "as long as the after window");
        assertTrue(verdict.comparison().errors().degraded(), "seed " + SEED + ": " + verdict.summary());
        TemplateShift shape = verdict.comparison().templates().get(0);
        assertTrue(shape.id().startsWith("shape:") && shape.isNew() && shape.degraded(), shape::toString);
        assertTrue(verdict.recommendation().rollback());
    }

    @Test
    void aVerdictAttachesToAChangeEventFoundElsewhere() {
        ChangeVerdict stored = changes.verdict(deploy);
        assertEquals(ChangeId.of(deploy), stored.change().id());
        assertEquals(Verdict.DEGRADED, stored.verdict());
        // Never ingested: judged against the stored history all the same.
        ChangeEvent config = change(T0 - 600 * SECOND, ChangeType.CONFIG_CHANGE, "ledger", null, null);
        ChangeVerdict unstored = changes.verdict(config);
        assertEquals(Verdict.HEALTHY, unstored.verdict(), unstored::summary);
        assertEquals("ledger", unstored.change().next().service());
    }

    @Test
    void aCanaryWithoutSidesFallsBackToBeforeAndAfterAndSaysWhy() {
        TrackedChange canary = changes.list(new TimeRange(T0, T0 + 1), "ledger", null, 10).get(0);
        ChangeVerdict verdict = changes.verdict(canary.id()).orElseThrow();
        assertEquals(ComparisonPlan.BEFORE_AFTER, verdict.plan().mode());
        assertTrue(verdict.plan().note().contains("without sides"), verdict.plan().note());
        assertEquals(Verdict.HEALTHY, verdict.verdict(), verdict::summary);
    }

    @Test
    void aChangeYoungerThanTheSettlePeriodIsInconclusive() {
        ChangeIntelligence early = new ChangeIntelligence(pipeline, new TemplateMiner(), VerdictSettings.defaults(), () -> T0 + 30 * SECOND);
        ChangeVerdict verdict = early.verdict(ChangeId.of(deploy)).orElseThrow();
        assertEquals(Verdict.INCONCLUSIVE, verdict.verdict());
        assertNull(verdict.comparison());
        assertTrue(verdict.plan().note().contains("60 s"), verdict.plan().note());
        assertTrue(changes.find("1780315200000000000-00000000").isEmpty());
    }
}
