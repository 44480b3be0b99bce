package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogPatternDetectorTest {

    @Test
    void aStrongSurgeGetsItsExactTinyPValueNotZero() {
        // P(X >= 80) for X ~ Binomial(84, 1/2) = (C(84,0) + … + C(84,4)) / 2^84 = 2,028,356 / 2^84.
        assertEquals(2_028_356 / Math.pow(2, 84), LogPatternDetector.upperTail(84, 80, 0.5), 1e-30);
    }

    @Test
    void noEventsIsCertain() {
        assertEquals(1.0, LogPatternDetector.upperTail(10, 0, 0.3));
    }
}
