package dev.vigil.rca.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.vigil.ingest.model.Level;
import org.junit.jupiter.api.Test;

class SampleComparatorTest {
    private final SampleComparator comparator = new SampleComparator(VerdictSettings.defaults());

    private static Sample sample(Random random, int requests, double failureRate, double medianMs, Map<String, Integer> warnings) {
        List<ServiceActivity.Request> list = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            list.add(new ServiceActivity.Request(i, random.nextDouble() < failureRate, medianMs * Math.exp(0.4 * random.nextGaussian()), Map.of()));
        }
        List<ServiceActivity.Warning> lines = new ArrayList<>();
        warnings.forEach((template, count) -> {
            for (int i = 0; i < count; i++) {
                lines.add(new ServiceActivity.Warning(i, Level.WARN, template, template, template + " " + i, Map.of()));
            }
        });
        return new Sample(list, lines, 600, 10);
    }

    @Test
    void ordinaryNoiseIsHealthyNotDegraded() {
        // 100 deploys of a version identical to the old one, each with a 1% failure rate and a few
        // background warnings: at a 1% false discovery rate plus minimum effects, none may be degraded.
        long seed = 7;
        Random random = new Random(seed);
        int degraded = 0;
        for (int deploy = 0; deploy < 100; deploy++) {
            Map<String, Integer> noise = Map.of("retrying payment", random.nextInt(4), "slow client", random.nextInt(3));
            Comparison c = comparator.compare(sample(random, 80, 0.01, 150, noise), sample(random, 80, 0.01, 150, noise));
            if (c.verdict() == Verdict.DEGRADED) {
                degraded++;
            } else {
                assertEquals(Verdict.HEALTHY, c.verdict());
            }
        }
        assertTrue(degraded <= 1, "seed " + seed + ": " + degraded + " of 100 noise-only deploys called degraded");
    }

    @Test
    void aSmallButSignificantShiftIsNotMaterial() {
        // 20,000 requests a side make a 5% slower median highly significant, but under the 20% minimum effect.
        Random random = new Random(11);
        Comparison c = comparator.compare(sample(random, 20_000, 0.0, 105, Map.of()), sample(random, 20_000, 0.0, 100, Map.of()));
        assertTrue(c.latency().adjustedPValue() < 1e-6, "seed 11: " + c.latency());
        assertFalse(c.latency().degraded());
        assertEquals(Verdict.HEALTHY, c.verdict());
    }

    @Test
    void failuresLatencyAndNewTemplatesAreEachFound() {
        Random random = new Random(3);
        Sample old = sample(random, 100, 0.0, 100, Map.of("slow client", 2));
        Comparison failures = comparator.compare(sample(random, 100, 0.2, 100, Map.of("slow client", 2)), old);
        assertEquals(Verdict.DEGRADED, failures.verdict(), failures::toString);
        assertTrue(failures.errors().degraded());
        Comparison slower = comparator.compare(sample(random, 100, 0.0, 300, Map.of("slow client", 2)), old);
        assertTrue(slower.latency().degraded(), slower::toString);
        Comparison fresh = comparator.compare(sample(random, 100, 0.0, 100, Map.of("slow client", 2, "pool exhausted", 12)), old);
        assertEquals(Verdict.DEGRADED, fresh.verdict(), fresh::toString);
        assertEquals("pool exhausted", fresh.templates().get(0).id());
        assertTrue(fresh.templates().get(0).isNew());
        // 12 against 0 over equal exposure: P(all 12 on the new side) = 2^-12.
        assertEquals(Math.pow(2, -12), fresh.templates().get(0).pValue(), 1e-15);
    }

    @Test
    void tooFewRequestsIsInconclusiveAndSaysHowManyAreNeeded() {
        Random random = new Random(5);
        Comparison c = comparator.compare(sample(random, 12, 0.0, 100, Map.of()), sample(random, 80, 0.0, 100, Map.of()));
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertEquals(30, c.shortfall().requestsPerSide());
        assertEquals(12, c.shortfall().newRequests());
        // 12 requests in 10 minutes: 18 more take 15 minutes.
        assertEquals(15.0, c.shortfall().estimatedWaitMinutes(), 1e-9);
        assertTrue(c.shortfall().message().contains("30"), c.shortfall().message());
    }
}
