package dev.vigil.analytics.patterns.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void adjustsByRankAndKeepsTheOrderMonotone() {
        // m = 5, sorted p: 0.01 0.02 0.03 0.04 0.5 -> m/rank * p: 0.05 0.05 0.05 0.05 0.5; given out of order.
        double[] p = {0.04, 0.5, 0.01, 0.03, 0.02};
        assertArrayEquals(new double[] {0.05, 0.5, 0.05, 0.05, 0.05}, BenjaminiHochberg.adjust(p), 1e-12);
        // 0.001 0.04 0.045 (m = 3): 0.003, min(0.06, 0.045) = 0.045, 0.045.
        assertArrayEquals(new double[] {0.003, 0.045, 0.045}, BenjaminiHochberg.adjust(new double[] {0.001, 0.04, 0.045}), 1e-12);
    }

    @Test
    void neverExceedsOne() {
        assertArrayEquals(new double[] {1, 1}, BenjaminiHochberg.adjust(new double[] {0.9, 1.0}), 1e-12);
        assertArrayEquals(new double[0], BenjaminiHochberg.adjust(new double[0]));
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.adjust(new double[] {0.1, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.adjust(new double[] {Double.NaN}));
    }
}
