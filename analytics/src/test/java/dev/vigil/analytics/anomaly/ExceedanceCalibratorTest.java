package dev.vigil.analytics.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExceedanceCalibratorTest {

    /** Feeds {@code value} {@code times} times and returns the last ratio. */
    private static double feed(ExceedanceCalibrator calibrator, double value, int times) {
        double ratio = 0;
        for (int i = 0; i < times; i++) {
            ratio = calibrator.update(value);
        }
        return ratio;
    }

    /** Ratios of two equal incidents 500 quiet points apart. */
    private static double[] twoIncidents(int topBlocks) {
        ExceedanceCalibrator calibrator = new ExceedanceCalibrator(16, 16, 64, 0, topBlocks, 0.5);
        feed(calibrator, 1, 500);
        double first = calibrator.update(16);
        feed(calibrator, 1, 500);
        return new double[] {first, calibrator.update(16)};
    }

    @Test
    void aSecondIncidentAsLargeAsTheFirstStillStandsOut() {
        double[] two = twoIncidents(2);
        assertEquals(16, two[0], 1e-9, "against a quiet past the ratio is value / usual maximum");
        // The reference is sqrt(16 × 1) = 4: one past incident raises the bar only half way.
        assertEquals(4, two[1], 1e-9);
        double[] plainMax = twoIncidents(1);
        assertEquals(1, plainMax[1], 1e-9, "judged against the plain maximum, the repeat would vanish");
    }

    @Test
    void aYoungMemoryJudgesByTheBlocksItHas() {
        ExceedanceCalibrator calibrator = new ExceedanceCalibrator(16, 16, 64, 0, 3, 0.5);
        feed(calibrator, 2, 64);
        // One block known, three asked for: the reference is that block's maximum, not 0 (or the floor).
        assertEquals(1, calibrator.update(2), 1e-9);
    }

    @Test
    void aRegularlySpikySeriesNeedsANewHigh() {
        ExceedanceCalibrator calibrator = new ExceedanceCalibrator(16, 16, 64, 0, 2, 0.5);
        for (int i = 0; i < 20; i++) {
            feed(calibrator, 1, 99);
            calibrator.update(16);
        }
        feed(calibrator, 1, 99);
        assertEquals(1, calibrator.update(16), 1e-9, "a spike like the many before it is no surprise");
        assertTrue(calibrator.update(24) > 1.4, "a spike half again as high is");
    }

    @Test
    void theMemoryGrowsWithTheStreamSoAnOldMaximumIsNotForgottenTooSoon() {
        ExceedanceCalibrator fixed = new ExceedanceCalibrator(4, 64, 64, 0, 2, 0.5);
        ExceedanceCalibrator growing = new ExceedanceCalibrator(4, 64, 64, 0.5, 2, 0.5);
        for (ExceedanceCalibrator c : new ExceedanceCalibrator[] {fixed, growing}) {
            feed(c, 1, 2000);
            for (int i = 0; i < 3; i++) {
                feed(c, 1, 63);
                c.update(10);
            }
            feed(c, 1, 700);
        }
        // 700 points later the fixed 256-point memory has forgotten the bursts; the growing one
        // (half of ~2900 points) still holds them.
        assertEquals(10, fixed.update(10), 1e-9);
        assertEquals(1, growing.update(10), 1e-9);
    }
}
