package dev.vigil.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AccumulatorTest {

    @Test
    void percentilesAreExactNearestRankWhileSmall() {
        Percentile p95 = new Percentile(0.95);
        for (int v : new int[] {120, 80, 300, 95, 110, 105, 99, 101, 250, 90}) {
            p95.add((long) v);
        }
        assertEquals(300.0, p95.result());
        Percentile p50 = new Percentile(0.50);
        for (int v = 1; v <= 20; v++) {
            p50.add(String.valueOf(v));
        }
        p50.add("not a number");
        p50.add(null);
        assertEquals(10.0, p50.result());
        assertEquals(null, new Percentile(0.99).result());
    }

    @Test
    void percentilesOfLargeGroupsStayWithinOnePercent() {
        long seed = 20261102L;
        Random random = new Random(seed);
        int n = 200_000;
        double[] values = new double[n];
        double[] quantiles = {0.5, 0.9, 0.95, 0.99};
        Percentile[] percentiles = new Percentile[quantiles.length];
        for (int q = 0; q < quantiles.length; q++) {
            percentiles[q] = new Percentile(quantiles[q]);
        }
        for (int i = 0; i < n; i++) {
            // Log-normal latencies, with a few negatives to exercise both halves.
            values[i] = Math.exp(3 + random.nextGaussian()) * (i % 100 == 0 ? -1 : 1);
            for (Percentile p : percentiles) {
                p.add(values[i]);
            }
        }
        Arrays.sort(values);
        for (int q = 0; q < quantiles.length; q++) {
            double exact = values[(int) Math.ceil(quantiles[q] * n) - 1];
            double approximate = (Double) percentiles[q].result();
            assertTrue(Math.abs(approximate - exact) <= 0.01 * Math.abs(exact),
                    "p" + quantiles[q] + " exact " + exact + " approximate " + approximate + " (seed " + seed + ")");
        }
        Percentile low = new Percentile(0.005);
        for (double v : values) {
            low.add(v);
        }
        double exactLow = values[(int) Math.ceil(0.005 * n) - 1];
        assertTrue(exactLow < 0);
        assertTrue(Math.abs((Double) low.result() - exactLow) <= 0.01 * Math.abs(exactLow), exactLow + " vs " + low.result());
    }

    @Test
    void distinctCountIsExactWhenSmallAndWithinFivePercentWhenLarge() {
        DistinctCounter small = new DistinctCounter();
        for (int i = 0; i < 900; i++) {
            small.add("user-" + (i % 300));
        }
        small.add(null);
        assertEquals(300L, small.result());
        for (int distinct : new int[] {5_000, 100_000}) {
            DistinctCounter large = new DistinctCounter();
            for (int i = 0; i < distinct * 2; i++) {
                large.add("user-" + (i % distinct));
            }
            long estimate = (Long) large.result();
            assertTrue(Math.abs(estimate - distinct) <= 0.05 * distinct, distinct + " distinct, estimated " + estimate);
        }
    }

    @Test
    void numericAggregatesIgnoreNonNumbers() {
        Aggregation sum = new Aggregation(Aggregation.Function.SUM, "x", "sum(x)", 0);
        Accumulator total = Accumulator.of(sum);
        total.add("2.5");
        total.add(3L);
        total.add("n/a");
        assertEquals(5.5, total.result());
        Accumulator nothing = Accumulator.of(new Aggregation(Aggregation.Function.AVG, "x", "avg(x)", 0));
        nothing.add("n/a");
        assertEquals(null, nothing.result());
        Accumulator countField = Accumulator.of(new Aggregation(Aggregation.Function.COUNT, "x", "count(x)", 0));
        countField.add(null);
        countField.add("a");
        assertEquals(1L, countField.result());
    }
}
