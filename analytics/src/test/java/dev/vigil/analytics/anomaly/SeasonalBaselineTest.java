package dev.vigil.analytics.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {

    @Test
    void findsTheDailyPeriodOfFiveMinuteDataAndPredictsThePhase() {
        long seed = 17;
        Random random = new Random(seed);
        SeasonalBaseline baseline = new SeasonalBaseline(4, 1024, 0.3, 0.1);
        int period = 288;
        double worst = 0;
        for (int i = 0; i < period * 12; i++) {
            double x = 100 + 30 * Math.sin(2 * Math.PI * i / period) + random.nextGaussian();
            if (i > period * 10) {
                worst = Math.max(worst, Math.abs(baseline.expected() - x));
            }
            baseline.update(x);
        }
        assertEquals(period, baseline.period(), 4, "seed " + seed);
        assertTrue(worst < 6, "seed " + seed + ": expected value off by " + worst);
    }

    @Test
    void noiseHasNoPeriod() {
        long seed = 19;
        Random random = new Random(seed);
        SeasonalBaseline baseline = new SeasonalBaseline(4, 1024, 0.3, 0.1);
        for (int i = 0; i < 5000; i++) {
            baseline.update(random.nextGaussian());
        }
        assertEquals(0, baseline.period(), "seed " + seed);
        assertTrue(Double.isNaN(baseline.expected()));
    }
}
