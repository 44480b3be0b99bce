package dev.vigil.rca.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void interpolatesBetweenOrderStatisticsLikeRType7() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(2.5, Quantiles.of(sorted, 0.5), 1e-12);
        // position 0.95 * 3 = 2.85: 3 + 0.85 * (4 - 3)
        assertEquals(3.85, Quantiles.of(sorted, 0.95), 1e-12);
        assertEquals(1.0, Quantiles.of(sorted, 0), 1e-12);
        assertEquals(4.0, Quantiles.of(sorted, 1), 1e-12);
        assertEquals(7.0, Quantiles.of(new double[] {7}, 0.99), 1e-12);
        assertTrue(Double.isNaN(Quantiles.of(new double[0], 0.5)));
    }
}
