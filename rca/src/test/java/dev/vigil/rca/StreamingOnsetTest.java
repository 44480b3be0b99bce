package dev.vigil.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The streaming detector as the second witness of an onset (seed {@value #SEED}). */
class StreamingOnsetTest {
    private static final long SEED = 11L;
    private static final int BASELINE_END = 520;

    /** 600 steps of 100 ± 1 (the detector is calibrated by then); the robust run starts at 570 (a rise to 130 for 15 steps). */
    private static double[] series() {
        Random random = new Random(SEED);
        double[] values = new double[600];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + random.nextGaussian();
        }
        for (int i = 570; i < 585; i++) {
            values[i] = 130 + random.nextGaussian();
        }
        return values;
    }

    @Test
    void withoutAPrecursorTheOnsetIsTheRobustRunsStart() {
        double[] values = series();
        SignalDetection.Run run = SignalDetection.detect(values, BASELINE_END, 560, 599, true);
        assertNotNull(run);
        assertEquals(570, run.episode().start());
        assertEquals(570, run.onset(), "onset");
    }

    @Test
    void anAlarmJustBeforeTheRunMovesTheOnsetBack() {
        double[] values = series();
        // One sharp precursor five steps early: too short for a robust run, and the steps between
        // it and the run are calm, so tracing back alone stops at the run's start.
        values[565] = 125;
        assertEquals(565, StreamingOnset.find(values, 570, BASELINE_END, 100, 1), "the detector alarms at the precursor");
        SignalDetection.Run run = SignalDetection.detect(values, BASELINE_END, 560, 599, true);
        assertNotNull(run);
        assertEquals(570, run.episode().start());
        assertEquals(565, run.onset(), "onset");
    }

    @Test
    void anAlarmOnTheOtherSideOfTheBaselineDoesNotCount() {
        double[] values = series();
        values[565] = 75;
        assertEquals(-1, StreamingOnset.find(values, 570, BASELINE_END, 100, 1));
        assertTrue(SignalDetection.detect(values, BASELINE_END, 560, 599, true).onset() == 570);
    }
}
