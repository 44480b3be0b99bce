package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SignalDetectionTest {
    private static final double EPS = 1e-9;

    /** 100 steps; the first 60 are the baseline, cycling 99, 100, 101 (median 100, MAD 1). */
    private static double[] calm() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 99 + i % 3;
        }
        return values;
    }

    @Test
    void severityMapsPeakScoresOntoZeroToOne() {
        assertEquals(0.0, SignalDetection.severity(4), EPS);
        assertEquals(0.5, SignalDetection.severity(40), EPS);
        assertEquals(1.0, SignalDetection.severity(400), EPS);
        assertEquals(0.5, SignalDetection.severity(-40), EPS);
        assertEquals(0.0, SignalDetection.severity(1), EPS);
        assertEquals(1.0, SignalDetection.severity(1e9), EPS);
        assertTrue(SignalDetection.severity(10) < SignalDetection.severity(20));
    }

    @Test
    void aStepInTheWindowIsFoundWithItsBaseline() {
        double[] values = calm();
        Arrays.fill(values, 85, 100, 150);
        SignalDetection.Run run = SignalDetection.detect(values, 60, 80, 99, true);
        assertNotNull(run);
        assertEquals(85, run.episode().start());
        assertEquals(99, run.episode().end());
        assertEquals(85, run.onset(), "a sudden step has no earlier departure");
        assertEquals(100.0, run.baseline().median(), EPS);
        assertEquals(60, run.baseline().count());
        assertTrue(run.episode().peakScore() > 20);
    }

    @Test
    void aSlowDriftIsTracedBackToWhereItBegan() {
        double[] values = calm();
        for (int i = 70; i < 100; i++) {
            values[i] = 100 + (i - 69);
        }
        // Scale 1.4826: index 72 (103) is 2.0 sigma, 75 (106) the first beyond 4 sigma.
        SignalDetection.Run run = SignalDetection.detect(values, 60, 80, 99, false);
        assertNotNull(run);
        assertEquals(75, run.episode().start());
        assertEquals(72, run.onset());
    }

    @Test
    void traceStopsAtTheBaselineAtNaNAndAtTheOtherDirection() {
        double[] scores = {0, 0, 2, 2, 2, 5, 5};
        assertEquals(2, SignalDetection.traceOnset(scores, 5, 1, 0));
        assertEquals(3, SignalDetection.traceOnset(scores, 5, 1, 3));
        assertEquals(5, SignalDetection.traceOnset(scores, 5, -1, 0));
        assertEquals(3, SignalDetection.traceOnset(new double[] {0, 2, Double.NaN, 2, 5}, 4, 1, 0));
        assertEquals(0, SignalDetection.traceOnset(new double[] {-2, -1.5, -5}, 2, -1, 0));
        assertEquals(2, SignalDetection.traceOnset(new double[] {-2, -1.49, -5}, 2, -1, 0));
    }

    @Test
    void dropsCountOnlyWhenNotUpOnly() {
        double[] values = calm();
        Arrays.fill(values, 85, 100, 20);
        assertNull(SignalDetection.detect(values, 60, 80, 99, true));
        SignalDetection.Run run = SignalDetection.detect(values, 60, 80, 99, false);
        assertNotNull(run);
        assertTrue(run.episode().peakScore() < -20);
    }

    @Test
    void episodesOutsideTheWindowAreIgnored() {
        double[] values = calm();
        Arrays.fill(values, 65, 70, 150);
        assertNull(SignalDetection.detect(values, 60, 80, 99, true), "over before the window");
        // With one inside too, the one overlapping the window is returned.
        Arrays.fill(values, 90, 95, 150);
        SignalDetection.Run run = SignalDetection.detect(values, 60, 80, 99, true);
        assertEquals(90, run.episode().start());
        // A run that started before the window and reaches into it counts.
        double[] reaching = calm();
        Arrays.fill(reaching, 75, 85, 150);
        assertEquals(75, SignalDetection.detect(reaching, 60, 80, 99, true).episode().start());
    }

    @Test
    void tooLittleBaselineIsNoVerdict() {
        double[] values = calm();
        Arrays.fill(values, 0, 56, Double.NaN);
        Arrays.fill(values, 85, 100, 150);
        assertNull(SignalDetection.detect(values, 60, 80, 99, true), "4 baseline points");
        values[10] = 100;
        assertNotNull(SignalDetection.detect(values, 60, 80, 99, true), "5 baseline points");
    }
}
