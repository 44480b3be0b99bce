package dev.vigil.analytics.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RobustBaselineTest {
    private static final double EPS = 1e-9;

    @Test
    void medianAndScaledMadOfOddCount() {
        RobustBaseline b = RobustBaseline.of(new double[] {4, 1, 100, 3, 2}, 0, 5, 0);
        assertEquals(3.0, b.median(), EPS);
        // deviations {1,2,97,0,1} -> MAD 1
        assertEquals(1.4826, b.scale(), EPS);
        assertEquals(5, b.count());
        assertEquals(2.0, b.score(3 + 2 * 1.4826), EPS);
        assertEquals(-1.0, b.score(3 - 1.4826), EPS);
    }

    @Test
    void medianAndScaledMadOfEvenCountInterpolate() {
        RobustBaseline b = RobustBaseline.of(new double[] {1, 2, 3, 4}, 0, 4, 0);
        assertEquals(2.5, b.median(), EPS);
        // deviations {1.5, .5, .5, 1.5} -> MAD 1
        assertEquals(1.4826, b.scale(), EPS);
    }

    @Test
    void oneHugeOutlierDoesNotMoveTheBaseline() {
        RobustBaseline b = RobustBaseline.of(new double[] {10, 11, 12, 13, 1e9}, 0, 5, 0);
        assertEquals(12.0, b.median(), EPS);
        assertEquals(1.4826, b.scale(), EPS);
    }

    @Test
    void usesOnlyTheGivenRangeAndIgnoresNaN() {
        double[] values = {1000, Double.NaN, 1, 2, Double.NaN, 3, -1000};
        RobustBaseline b = RobustBaseline.of(values, 1, 6, 0);
        assertEquals(3, b.count());
        assertEquals(2.0, b.median(), EPS);
        // deviations {1,0,1} -> MAD 1
        assertEquals(1.4826, b.scale(), EPS);
    }

    @Test
    void noValuesGiveNoBaselineAndNaNScores() {
        RobustBaseline empty = RobustBaseline.of(new double[] {Double.NaN, Double.NaN}, 0, 2, 0);
        assertEquals(0, empty.count());
        assertTrue(Double.isNaN(empty.score(1)));
        RobustBaseline none = RobustBaseline.of(new double[] {1, 2, 3}, 1, 1, 0);
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.score(1)));
    }

    @Test
    void flatDataIsFlooredSoScoresStayFinite() {
        // No spread: the scale falls back to 1% of |median| ...
        RobustBaseline flat = RobustBaseline.of(new double[] {50, 50, 50, 50}, 0, 4, 0);
        assertEquals(0.5, flat.scale(), EPS);
        assertEquals(10.0, flat.score(55), EPS);
        // ... or to the caller's floor when that is larger ...
        assertEquals(2.0, RobustBaseline.of(new double[] {50, 50, 50}, 0, 3, 2.0).scale(), EPS);
        // ... and is never zero, even for a flat zero line.
        RobustBaseline zero = RobustBaseline.of(new double[] {0, 0, 0}, 0, 3, 0);
        assertTrue(zero.scale() > 0);
        assertEquals(0.0, zero.score(0), EPS);
        assertTrue(Double.isFinite(zero.score(1)) && zero.score(1) > 1e6);
    }

    @Test
    void nanValueScoresNaN() {
        RobustBaseline b = RobustBaseline.of(new double[] {1, 2, 3}, 0, 3, 0);
        assertTrue(Double.isNaN(b.score(Double.NaN)));
    }
}
