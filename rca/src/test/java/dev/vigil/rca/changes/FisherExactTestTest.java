package dev.vigil.rca.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FisherExactTestTest {

    @Test
    void allFailuresOnTheNewSideOfSixRequests() {
        // 3 of 3 new failed, 0 of 3 old: the only table this extreme has probability C(3,3)C(3,0)/C(6,3) = 1/20.
        assertEquals(0.05, FisherExactTest.pValueGreater(3, 3, 0, 3), 1e-12);
    }

    @Test
    void upperTailSumsEveryTableAtLeastAsExtreme() {
        // 2 of 4 new failed, 1 of 4 old: X ~ Hypergeometric(N=8, K=3, n=4);
        // P(X>=2) = [C(3,2)C(5,2) + C(3,3)C(5,1)] / C(8,4) = (30 + 5) / 70 = 0.5.
        assertEquals(0.5, FisherExactTest.pValueGreater(2, 4, 1, 4), 1e-12);
        // 2 of 4 against 0 of 4: C(4,2)C(4,2)/C(8,4) ... P(X>=2) with K=2: C(2,2)C(6,2)/C(8,4) = 15/70.
        assertEquals(15.0 / 70, FisherExactTest.pValueGreater(2, 4, 0, 4), 1e-12);
    }

    @Test
    void fewerFailuresOnTheNewSideIsNoEvidenceOfHarm() {
        assertEquals(1.0, FisherExactTest.pValueGreater(0, 50, 10, 50), 1e-12);
        assertEquals(1.0, FisherExactTest.pValueGreater(0, 50, 0, 50));
        assertEquals(1.0, FisherExactTest.pValueGreater(0, 0, 3, 50));
    }

    @Test
    void hugeDifferencesKeepTheirTinyPValue() {
        // 61 of 68 against 0 of 88: C(88,7)/C(156,68), about 6.8e-36; 1 - CDF would round it to 0.
        double p = FisherExactTest.pValueGreater(61, 68, 0, 88);
        assertTrue(p > 1e-37 && p < 1e-34, "p = " + p);
    }

    @Test
    void refusesImpossibleTables() {
        assertThrows(IllegalArgumentException.class, () -> FisherExactTest.pValueGreater(5, 4, 0, 4));
    }
}
