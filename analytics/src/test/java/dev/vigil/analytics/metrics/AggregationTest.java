package dev.vigil.analytics.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AggregationTest {
    private static final double EPS = 1e-9;
    private static final double NaN = Double.NaN;

    @Test
    void quantileInterpolatesLinearlyBetweenClosestRanks() {
        assertEquals(25.0, Aggregation.quantile(new double[] {40, 10, 30, 20}, 4, 0.50), EPS);
        // rank 0.95 * 3 = 2.85: 30 + 0.85 * (40 - 30)
        assertEquals(38.5, Aggregation.quantile(new double[] {40, 10, 30, 20}, 4, 0.95), EPS);
        assertEquals(39.7, Aggregation.quantile(new double[] {40, 10, 30, 20}, 4, 0.99), EPS);
        assertEquals(10.0, Aggregation.quantile(new double[] {40, 10, 30, 20}, 4, 0.0), EPS);
        assertEquals(40.0, Aggregation.quantile(new double[] {40, 10, 30, 20}, 4, 1.0), EPS);
        assertEquals(7.0, Aggregation.quantile(new double[] {7}, 1, 0.99), EPS);
        // 1..101: p95 is exactly the 96th value, p50 the 51st.
        double[] hundred = new double[101];
        for (int i = 0; i < hundred.length; i++) {
            hundred[hundred.length - 1 - i] = i + 1;
        }
        assertEquals(96.0, Aggregation.quantile(hundred.clone(), 101, 0.95), EPS);
        assertEquals(51.0, Aggregation.quantile(hundred.clone(), 101, 0.50), EPS);
    }

    @Test
    void quantileLooksOnlyAtTheFirstNValues() {
        assertEquals(2.0, Aggregation.quantile(new double[] {3, 1, 1000, -1000}, 2, 0.5), EPS);
    }

    @Test
    void reduceGauges() {
        assertEquals(2.5, Aggregation.AVG.reduce(new double[] {1, 2, 3, 4}, 4), EPS);
        assertEquals(-1.0, Aggregation.MIN.reduce(new double[] {3, -1, 2}, 3), EPS);
        assertEquals(3.0, Aggregation.MAX.reduce(new double[] {3, -1, 2}, 3), EPS);
        assertEquals(4.0, Aggregation.SUM.reduce(new double[] {3, -1, 2}, 3), EPS);
        assertEquals(3.0, Aggregation.COUNT.reduce(new double[] {3, -1, 2}, 3), EPS);
        assertEquals(2.0, Aggregation.LAST.reduce(new double[] {3, -1, 2, 99}, 3), EPS);
        assertEquals(2.0, Aggregation.P50.reduce(new double[] {3, -1, 2, 99}, 3), EPS);
        assertEquals(2.9, Aggregation.P95.reduce(new double[] {3, -1, 2}, 3), EPS);
        assertEquals(2.98, Aggregation.P99.reduce(new double[] {3, -1, 2}, 3), EPS);
        // Only the first n count.
        assertEquals(1.5, Aggregation.AVG.reduce(new double[] {1, 2, 1000}, 2), EPS);
    }

    @Test
    void reduceOfNothingIsNaNAndRateIsNotAGaugeReduction() {
        for (Aggregation a : Aggregation.values()) {
            assertTrue(Double.isNaN(a.reduce(new double[4], 0)), a.label());
        }
        assertThrows(IllegalStateException.class, () -> Aggregation.RATE.reduce(new double[] {1, 2}, 2));
    }

    @Test
    void combineAcrossSeriesSkipsNaN() {
        double[] column = {1, NaN, 5, 3};
        assertEquals(9.0, Aggregation.SUM.combine(column, 4), EPS);
        assertEquals(9.0, Aggregation.RATE.combine(column, 4), EPS);
        assertEquals(9.0, Aggregation.COUNT.combine(column, 4), EPS);
        assertEquals(3.0, Aggregation.AVG.combine(column, 4), EPS);
        assertEquals(1.0, Aggregation.MIN.combine(column, 4), EPS);
        assertEquals(5.0, Aggregation.MAX.combine(column, 4), EPS);
        assertEquals(5.0, Aggregation.P95.combine(column, 4), EPS);
        assertEquals(6.0, Aggregation.SUM.combine(column, 3), EPS);
        assertTrue(Double.isNaN(Aggregation.SUM.combine(new double[] {NaN, NaN}, 2)));
        assertTrue(Double.isNaN(Aggregation.MIN.combine(new double[] {NaN}, 1)));
    }

    @Test
    void parseAndLabel() {
        assertEquals(Aggregation.AVG, Aggregation.parse(null));
        assertEquals(Aggregation.AVG, Aggregation.parse(" "));
        assertEquals(Aggregation.P95, Aggregation.parse(" p95 "));
        assertEquals(Aggregation.RATE, Aggregation.parse("Rate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aggregation.parse("median"));
        assertTrue(e.getMessage().contains("median") && e.getMessage().contains("p99"), e.getMessage());
        assertEquals("p99", Aggregation.P99.label());
    }
}
