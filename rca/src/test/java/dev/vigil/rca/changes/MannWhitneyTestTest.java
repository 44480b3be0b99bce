package dev.vigil.rca.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MannWhitneyTestTest {

    @Test
    void completeSeparationOfThreeAgainstThree() {
        // Ranks of the new side 4,5,6: U = 15 - 6 = 9; mean 4.5; variance 3*3/12*7 = 5.25;
        // z = (9 - 4.5 - 0.5)/sqrt(5.25) = 1.74574; p = 1 - Phi(z) = 0.040428.
        MannWhitneyTest.Result r = MannWhitneyTest.greater(new double[] {4, 5, 6}, new double[] {1, 2, 3});
        assertEquals(9.0, r.u(), 1e-12);
        assertEquals(1.74574, r.z(), 1e-5);
        assertEquals(0.040428, r.pValue(), 1e-6);
        assertEquals(1.0, r.superiority(), 1e-12);
    }

    @Test
    void tiesTakeMidRanksAndShrinkTheVariance() {
        // Values 1,2,2,3 (old 1,2; new 2,3): ranks 1, 2.5, 2.5, 4; new rank sum 6.5 -> U = 3.5;
        // tie term 2^3-2 = 6; variance 2*2/12*(5 - 6/12) = 1.5; z = (3.5-2-0.5)/sqrt(1.5) = 0.816497;
        // p = 1 - Phi(0.816497) = 0.207108.
        MannWhitneyTest.Result r = MannWhitneyTest.greater(new double[] {2, 3}, new double[] {1, 2});
        assertEquals(3.5, r.u(), 1e-12);
        assertEquals(0.816497, r.z(), 1e-6);
        assertEquals(0.207108, r.pValue(), 1e-6);
        assertEquals(0.875, r.superiority(), 1e-12);
    }

    @Test
    void identicalValuesAreNoEvidence() {
        MannWhitneyTest.Result r = MannWhitneyTest.greater(new double[] {5, 5, 5}, new double[] {5, 5});
        assertEquals(1.0, r.pValue());
        assertEquals(0.5, r.superiority(), 1e-12);
    }

    @Test
    void samplesFromOneDistributionRarelyLookSlower() {
        long seed = 42;
        Random random = new Random(seed);
        int significant = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] a = new double[60];
            double[] b = new double[60];
            for (int i = 0; i < 60; i++) {
                a[i] = Math.exp(random.nextGaussian());
                b[i] = Math.exp(random.nextGaussian());
            }
            if (MannWhitneyTest.greater(a, b).pValue() <= 0.05) {
                significant++;
            }
        }
        // About 5% by construction; bound it loosely (binomial(200, 0.05) exceeds 20 with p < 0.002).
        assertTrue(significant <= 20, "seed " + seed + ": " + significant + " of 200 null trials significant");
    }
}
