package dev.vigil.analytics.patterns.summary;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.patterns.summary.PatternFixture.BASELINE;
import static dev.vigil.analytics.patterns.summary.PatternFixture.WINDOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternChangeDetectorTest {
    private PatternFixture fixture;
    private PatternChangeDetector detector;

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        fixture = PatternFixture.open(dir);
        detector = new PatternChangeDetector(fixture.pipeline, fixture.store);
    }

    @AfterAll
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void findsTheNewTemplateAndTheSurgeButNotTheSteadyOnes() {
        PatternChanges changes = detector.detect(ChangeQuery.of("", WINDOW));
        assertEquals(BASELINE, changes.baseline(), "the baseline defaults to the window before");
        assertEquals(PoissonRateTest.NAME, changes.test());
        assertEquals(BenjaminiHochberg.NAME, changes.correction());
        // orders, cache, retries, logins (one template after the merge), timeouts.
        assertEquals(5, changes.tested());
        assertEquals(250, changes.count());
        assertEquals(144, changes.baselineCount());

        assertEquals(1, changes.newTemplates().size(), () -> changes.newTemplates().toString());
        PatternChange timeouts = changes.newTemplates().get(0);
        assertEquals("payment gateway timeout after <*> ms for order <*>", timeouts.text());
        assertEquals(30, timeouts.count());
        assertEquals(0, timeouts.baselineCount());
        assertEquals(Double.POSITIVE_INFINITY, timeouts.ratio());
        // Equal windows: X ~ Bin(30, 1/2), and 30 of 30 is as unlikely as 0 of 30.
        assertEquals(2 * Math.pow(0.5, 30), timeouts.pValue(), 1e-20);
        assertTrue(timeouts.significant());
        assertEquals(WINDOW.fromNanos(), timeouts.firstNanos());

        assertEquals(1, changes.changed().size(), () -> changes.changed().toString());
        PatternChange retries = changes.changed().get(0);
        assertEquals(80, retries.count());
        assertEquals(4, retries.baselineCount());
        assertEquals(20.0, retries.ratio(), 1e-12);
        assertEquals("increase", retries.direction());
        assertEquals(80 / 600.0, retries.ratePerSecond(), 1e-12);
        assertEquals(PoissonRateTest.pValue(80, 600, 4, 600), retries.pValue());
        assertTrue(retries.pValue() < 1e-15, "p=" + retries.pValue());
        assertTrue(retries.adjustedPValue() >= retries.pValue());
    }

    @Test
    void anExplicitBaselineWithItsOwnLengthWeighsTheRates() {
        // Baseline: the first 5 minutes only; the 4 baseline retries (at 30, 90, 150 and 210 s) all fall in it.
        TimeRange firstHalf = new TimeRange(BASELINE.fromNanos(), BASELINE.fromNanos() + 5 * MINUTE);
        PatternChanges changes = detector.detect(new ChangeQuery("service:shop", WINDOW, firstHalf, 0.01, 1.5, 50));
        assertEquals(firstHalf, changes.baseline());
        assertTrue(changes.newTemplates().isEmpty(), "the query leaves out the payments service");
        PatternChange retries = changes.changed().stream().filter(c -> c.count() == 80).findFirst().orElseThrow();
        assertEquals(4, retries.baselineCount());
        assertEquals((80 / 600.0) / (4 / 300.0), retries.ratio(), 1e-12);
        assertEquals(PoissonRateTest.pValue(80, 600, 4, 300), retries.pValue());
    }

    @Test
    void aDropIsAChangeToo() {
        // Window and baseline swapped: the timeouts vanish, the retries drop twenty-fold.
        PatternChanges changes = detector.detect(new ChangeQuery("", BASELINE, WINDOW, 0.01, 1.5, 50));
        assertTrue(changes.newTemplates().isEmpty());
        List<String> decreases = changes.changed().stream().filter(c -> c.direction().equals("decrease")).map(PatternChange::text).toList();
        assertTrue(decreases.contains("payment gateway timeout after <*> ms for order <*>"), decreases::toString);
        assertEquals(2, decreases.size(), decreases::toString);
    }

    @Test
    void theMinimumRatioAndAlphaFilter() {
        // With alpha tiny and a 30-fold minimum, nothing but the new template is left.
        PatternChanges changes = detector.detect(new ChangeQuery("", WINDOW, null, 1e-30, 30, 50));
        assertTrue(changes.changed().isEmpty(), changes.changed()::toString);
        assertEquals(1, changes.newTemplates().size());
    }

    @Test
    void refusesOverlappingWindowsAndNonsense() {
        TimeRange overlapping = new TimeRange(WINDOW.fromNanos() - MINUTE, WINDOW.fromNanos() + MINUTE);
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> new ChangeQuery("", WINDOW, overlapping, 0.01, 1.5, 50));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChangeQuery("", WINDOW, null, 0, 1.5, 50));
        assertThrows(IllegalArgumentException.class, () -> new ChangeQuery("", WINDOW, null, 0.01, 0.5, 50));
        assertThrows(IllegalArgumentException.class, () -> new ChangeQuery("", WINDOW, null, 0.01, 1.5, 0));
    }
}
