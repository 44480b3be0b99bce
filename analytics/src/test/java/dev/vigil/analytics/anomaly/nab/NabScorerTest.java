package dev.vigil.analytics.anomaly.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed NAB scores on a 100-row file: probation is floor(0.15 × 100) = 15 rows, and one
 * window covers rows 40..59 (width 20). s(y) = 2/(1+e^{5y}) - 1, so s(-1) = tanh(2.5) = 0.986614.
 */
class NabScorerTest {
    private static final double EPS = 1e-6;
    private static final NabSeries FILE = series(100, new NabSeries.Window(40, 59));

    static NabSeries series(int rows, NabSeries.Window... windows) {
        return new NabSeries("cat", "f.csv", Collections.nCopies(rows, "2014-01-01 00:00:00"), new double[rows], List.of(windows));
    }

    static double[] detectionsAt(int rows, int... at) {
        double[] scores = new double[rows];
        for (int i : at) {
            scores[i] = 1;
        }
        return scores;
    }

    @Test
    void probationIsFifteenPercentCappedAt750() {
        assertEquals(15, NabScorer.probationLength(100));
        assertEquals(604, NabScorer.probationLength(4032));
        assertEquals(750, NabScorer.probationLength(22695));
    }

    @Test
    void detectionAtTheLeftEdgeEarnsTheFullReward() {
        // y = -(59 - 40 + 1)/20 = -1, so the reward is s(-1)/s(-1) = 1.
        double raw = NabScorer.rawScore(FILE, detectionsAt(100, 40), 0.5, NabProfile.STANDARD);
        assertEquals(1.0, raw, EPS);
        assertEquals(100.0, NabScorer.normalise(raw, 1, NabProfile.STANDARD), EPS);
    }

    @Test
    void lateDetectionEarnsLittle() {
        // Row 58: y = -(59 - 58 + 1)/20 = -0.1; s(-0.1) = tanh(0.25) = 0.244919; / 0.986614 = 0.248242.
        double raw = NabScorer.rawScore(FILE, detectionsAt(100, 58), 0.5, NabProfile.STANDARD);
        assertEquals(0.2482415, raw, EPS);
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        // Rows 41 and 45 both detect; only row 41 counts: y = -19/20, and row 45 is not a false positive.
        double raw = NabScorer.rawScore(FILE, detectionsAt(100, 45, 41), 0.5, NabProfile.STANDARD);
        double s = 2 / (1 + Math.exp(5 * -0.95)) - 1;
        assertEquals(s / 0.98661429815, raw, EPS);
    }

    @Test
    void detectionJustAfterAWindowIsAWeightedFalsePositiveAndTheWindowIsMissed() {
        // Row 60: y = (60 - 59)/(20 - 1) = 1/19, s = -tanh(5/38) = -0.130825; cost 0.11 × that; plus the miss.
        double raw = NabScorer.rawScore(FILE, detectionsAt(100, 60), 0.5, NabProfile.STANDARD);
        assertEquals(-1 + 0.11 * -0.1308248, raw, EPS);
        // The low-FP profile doubles that cost, the low-FN profile doubles the miss.
        assertEquals(-1 + 0.22 * -0.1308248, NabScorer.rawScore(FILE, detectionsAt(100, 60), 0.5, NabProfile.LOW_FP), EPS);
        assertEquals(-2 + 0.11 * -0.1308248, NabScorer.rawScore(FILE, detectionsAt(100, 60), 0.5, NabProfile.LOW_FN), EPS);
    }

    @Test
    void falsePositiveFarAfterOrBeforeEveryWindowCostsTheFullWeight() {
        // Row 99: y = 40/19 = 2.105 (still below the y > 3 cut-off), s ≈ -0.99995; row 20 precedes every window: -1.
        double far = NabScorer.rawScore(FILE, detectionsAt(100, 40, 99), 0.5, NabProfile.STANDARD);
        assertEquals(1 + 0.11 * (2 / (1 + Math.exp(5 * 40.0 / 19)) - 1), far, EPS);
        double before = NabScorer.rawScore(FILE, detectionsAt(100, 20, 40), 0.5, NabProfile.STANDARD);
        assertEquals(1 - 0.11, before, EPS);
    }

    @Test
    void noDetectionScoresAsTheNullDetector() {
        double raw = NabScorer.rawScore(FILE, new double[100], 0.5, NabProfile.STANDARD);
        assertEquals(-1.0, raw, EPS);
        assertEquals(0.0, NabScorer.normalise(raw, 1, NabProfile.STANDARD), EPS);
        assertEquals(-2.0, NabScorer.rawScore(FILE, new double[100], 0.5, NabProfile.LOW_FN), EPS);
    }

    @Test
    void detectionsInTheProbationaryPeriodAreIgnored() {
        NabSeries early = series(100, new NabSeries.Window(5, 24));
        // Row 10 is inside the window but in probation; row 30 is a false positive after it: y = 6/19.
        double raw = NabScorer.rawScore(early, detectionsAt(100, 10, 30), 0.5, NabProfile.STANDARD);
        assertEquals(-1 + 0.11 * (2 / (1 + Math.exp(5 * 6.0 / 19)) - 1), raw, EPS);
    }

    @Test
    void optimiserFindsTheThresholdThatBalancesMissesAndFalseAlarms() {
        // File A: window hit at its left edge with score 0.9, a false positive scored 0.95 before it.
        // File B: a far false positive scored 0.6 and a window hit scored 0.5.
        NabSeries a = series(100, new NabSeries.Window(40, 59));
        NabSeries b = series(100, new NabSeries.Window(40, 59));
        double[] sa = new double[100];
        sa[20] = 0.95;
        sa[40] = 0.9;
        double[] sb = new double[100];
        sb[20] = 0.6;
        sb[40] = 0.5;
        List<NabScorer.Result> results = NabScorer.optimise(List.of(a, b), List.of(sa, sb), NabProfile.all());
        // At 0.5 everything is detected: 2 TPs (2.0) and 2 FPs before any window (-0.11 each): 1.78 raw.
        NabScorer.Result standard = results.get(0);
        assertEquals(0.5, standard.threshold(), EPS);
        assertEquals(2 - 0.22, standard.raw(), EPS);
        assertEquals(100 * (1.78 + 2) / 4, standard.normalised(), EPS);
        assertEquals(2, standard.truePositives());
        assertEquals(2, standard.falsePositives());
        // Brute force over every candidate threshold agrees for every profile.
        for (NabScorer.Result r : results) {
            double best = NabScorer.nullScore(2, r.profile());
            for (double t : new double[] {0.5, 0.6, 0.9, 0.95}) {
                best = Math.max(best, NabScorer.rawScore(a, sa, t, r.profile()) + NabScorer.rawScore(b, sb, t, r.profile()));
            }
            assertEquals(best, r.raw(), EPS, r.profile().name());
        }
    }

    @Test
    void perfectDetectorScoresOneHundredAndNullZeroOnTheWholeProfileSet() {
        NabSeries a = series(200, new NabSeries.Window(50, 69), new NabSeries.Window(120, 139));
        List<double[]> perfect = new ArrayList<>(List.of(detectionsAt(200, 50, 120)));
        for (NabScorer.Result r : NabScorer.optimise(List.of(a), perfect, NabProfile.all())) {
            assertEquals(100.0, r.normalised(), EPS, r.profile().name());
        }
        for (NabScorer.Result r : NabScorer.optimise(List.of(a), List.of(new double[200]), NabProfile.all())) {
            assertEquals(0.0, r.normalised(), 1e-9, r.profile().name());
        }
    }
}
