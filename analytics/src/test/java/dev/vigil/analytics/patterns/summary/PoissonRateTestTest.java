package dev.vigil.analytics.patterns.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** The exact conditional test against hand-computed p-values and against summing every outcome. */
class PoissonRateTestTest {

    @Test
    void equalExposuresMatchHandComputedBinomialTails() {
        // 10 against 2 in equal windows: X ~ Bin(12, 1/2); P(X >= 10) = (66 + 12 + 1) / 4096, doubled by symmetry.
        assertEquals(2 * 79 / 4096.0, PoissonRateTest.pValue(10, 60, 2, 60), 1e-12);
        // 7 of 10: P(X >= 7) + P(X <= 3) = 2 * (120 + 45 + 10 + 1) / 1024.
        assertEquals(2 * 176 / 1024.0, PoissonRateTest.pValue(7, 1, 3, 1), 1e-12);
    }

    @Test
    void unequalExposuresWeighTheNullProbability() {
        // 3 events in a 1-minute window, 0 in a 2-minute baseline: X ~ Bin(3, 1/3). P(X = 3) = 1/27 is the
        // least likely outcome, so the p-value is 1/27.
        assertEquals(1 / 27.0, PoissonRateTest.pValue(3, 60, 0, 120), 1e-12);
        // 0 events now, 3 before: P(X=k) = 8, 12, 6, 1 (/27); outcomes no more likely than 0: 0, 2 and 3.
        assertEquals(15 / 27.0, PoissonRateTest.pValue(0, 60, 3, 120), 1e-12);
    }

    @Test
    void theExpectedOutcomeAndNoEventsGiveOne() {
        assertEquals(1.0, PoissonRateTest.pValue(0, 60, 0, 60));
        assertEquals(1.0, PoissonRateTest.pValue(50, 60, 50, 60), 1e-12);
        assertEquals(1.0, PoissonRateTest.pValue(100, 120, 50, 60), 1e-12);
    }

    @Test
    void agreesWithSummingEveryOutcomeNoMoreLikelyThanTheObservedOne() {
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(trial < 1500 ? 60 : 3000);
            int x = random.nextInt(n + 1);
            double exposure = 1 + random.nextInt(100);
            double baselineExposure = 1 + random.nextInt(100);
            double expected = bruteForce(x, n, exposure / (exposure + baselineExposure));
            double actual = PoissonRateTest.pValue(x, exposure, n - x, baselineExposure);
            String context = "seed " + seed + " trial " + trial + ": x=" + x + " n=" + n + " t=" + exposure + " u=" + baselineExposure;
            assertEquals(expected, actual, Math.max(1e-300, expected * 1e-8), context);
        }
    }

    @Test
    void tinyPValuesKeepTheirPrecision() {
        // 80 against 4 in equal windows: twice P(X >= 80) for X ~ Bin(84, 1/2), summed term by term:
        // (C(84,80) + C(84,81) + ... + C(84,84)) / 2^84 = 1,929,501 / 2^84 ... times two.
        double binomials = 1_929_501 + 95_284 + 3_486 + 84 + 1;
        assertEquals(2 * binomials / Math.pow(2, 84), PoissonRateTest.pValue(80, 600, 4, 600), 1e-9 * 2 * binomials / Math.pow(2, 84));
        assertEquals(2 * binomials / Math.pow(2, 84), PoissonRateTest.pValue(4, 600, 80, 600), 1e-9 * 2 * binomials / Math.pow(2, 84));
        // 200 new events against none, equal windows: 2^-199.
        assertEquals(Math.pow(2, -199), PoissonRateTest.pValue(200, 1, 0, 1), 1e-9 * Math.pow(2, -199));
    }

    @Test
    void largeCountsStayExactAndFast() {
        long started = System.nanoTime();
        // A million events against 1.01 million in equal windows: z is about -7.1.
        double p = PoissonRateTest.pValue(1_000_000, 3600, 1_010_000, 3600);
        assertTrue(p > 1e-14 && p < 1e-10, "p=" + p);
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "took too long");
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PoissonRateTest.pValue(-1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PoissonRateTest.pValue(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PoissonRateTest.pValue(1, 1, 0, Double.NaN));
    }

    private static double bruteForce(int x, int n, double p) {
        BinomialDistribution d = new BinomialDistribution(null, n, p);
        double observed = d.probability(x);
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            double pk = d.probability(k);
            if (pk <= observed * (1 + 1e-7)) {
                sum += pk;
            }
        }
        return Math.min(1, sum);
    }
}
