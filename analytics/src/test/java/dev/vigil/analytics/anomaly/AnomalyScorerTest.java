package dev.vigil.analytics.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AnomalyScorerTest {
    private static final double EPS = 1e-9;
    private static final double T = AnomalyScorer.DEFAULT_THRESHOLD;

    // ---- trailing ----

    @Test
    void trailingScoresEachPointAgainstTheWindowBeforeIt() {
        double[] values = {100, 100, 100, 1, 2, 3, 4, 50};
        double[] scores = AnomalyScorer.trailing(values, 4, 3);
        assertEquals(values.length, scores.length);
        // Fewer than 3 points of history: not judged.
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isNaN(scores[i]), "index " + i + ": " + scores[i]);
        }
        // Index 7 sees only {1,2,3,4}: median 2.5, MAD 1 (the 100s fell out of the window).
        // The range floor (1% of 99) is below 1.4826, so the MAD scale holds.
        assertEquals((50 - 2.5) / 1.4826, scores[7], EPS);
        // Index 6 sees {100,1,2,3}: median 2.5, deviations {97.5,1.5,.5,.5} -> MAD 1.
        assertEquals((4 - 2.5) / 1.4826, scores[6], EPS);
        // The point itself is never part of its own baseline: index 3 sees {100,100,100}.
        assertTrue(scores[3] < -50, "a drop from a flat 100 to 1 is far below: " + scores[3]);
    }

    @Test
    void trailingIsQuietOnNoiseAndLoudOnASpike() {
        long seed = 11;
        Random random = new Random(seed);
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = 20 + random.nextGaussian();
        }
        values[150] = 40;
        double[] scores = AnomalyScorer.trailing(values, 50, 10);
        assertTrue(scores[150] > 10, "seed " + seed + ": spike score " + scores[150]);
        for (int i = 10; i < values.length; i++) {
            if (i != 150) {
                assertTrue(Math.abs(scores[i]) < 6, "seed " + seed + ": index " + i + " scored " + scores[i]);
            }
        }
    }

    // ---- againstReference ----

    @Test
    void againstReferenceUsesOnlyTheBaselinePrefix() {
        double[] values = {1, 2, 3, 4, 5, 9, 9, 9};
        double[] scores = AnomalyScorer.againstReference(values, 5);
        // Baseline {1..5}: median 3, MAD 1; range floor 0.08 is smaller.
        assertEquals(0.0, scores[2], EPS);
        assertEquals((9 - 3) / 1.4826, scores[5], EPS);
        assertEquals(scores[5], scores[7], EPS);
        assertEquals((1 - 3) / 1.4826, scores[0], EPS);
    }

    @Test
    void flatBaselineWithAStepGivesAFiniteLargeScore() {
        double[] values = new double[80];
        Arrays.fill(values, 0, 60, 100.0);
        Arrays.fill(values, 60, 80, 150.0);
        double[] scores = AnomalyScorer.againstReference(values, 60);
        for (int i = 0; i < 60; i++) {
            assertEquals(0.0, scores[i], EPS, "flat baseline point " + i);
        }
        for (int i = 60; i < 80; i++) {
            assertTrue(Double.isFinite(scores[i]), "step point " + i + " is " + scores[i]);
            assertTrue(scores[i] >= 20, "step point " + i + " scored only " + scores[i]);
        }
        List<AnomalyEpisode> episodes = AnomalyScorer.episodes(scores, T, 3, 2);
        assertEquals(List.of(new AnomalyEpisode(60, 79, 60, scores[60], 20)), episodes);
    }

    @Test
    void flatZeroBaselineWithATinyStepIsStillFinite() {
        double[] values = new double[40];
        Arrays.fill(values, 30, 40, 0.001);
        double[] scores = AnomalyScorer.againstReference(values, 30);
        for (double s : scores) {
            assertTrue(Double.isFinite(s), Arrays.toString(scores));
        }
        assertTrue(scores[35] >= T);
    }

    @Test
    void constantSeriesScoresZeroEverywhere() {
        double[] values = new double[50];
        Arrays.fill(values, 7.0);
        for (double s : AnomalyScorer.againstReference(values, 40)) {
            assertEquals(0.0, s, EPS);
        }
        double[] trailing = AnomalyScorer.trailing(values, 10, 5);
        for (int i = 5; i < trailing.length; i++) {
            assertEquals(0.0, trailing[i], EPS);
        }
    }

    @Test
    void tenSigmaSpikeIsFoundAtItsOnsetWithNoFalseEpisodes() {
        for (long seed : new long[] {1, 2, 3, 42, 20261102}) {
            Random random = new Random(seed);
            double sigma = 5;
            double[] values = new double[400];
            for (int i = 0; i < values.length; i++) {
                values[i] = 100 + sigma * random.nextGaussian();
            }
            int onset = 300;
            for (int i = onset; i < onset + 12; i++) {
                values[i] += 10 * sigma;
            }
            double[] reference = AnomalyScorer.againstReference(values, 240);
            List<AnomalyEpisode> found = AnomalyScorer.episodes(reference, T, 3, 2);
            assertEquals(1, found.size(), "seed " + seed + " (reference): " + found);
            AnomalyEpisode episode = found.get(0);
            assertEquals(onset, episode.start(), "seed " + seed + " (reference): " + episode);
            assertTrue(episode.end() >= onset + 9 && episode.end() <= onset + 11, "seed " + seed + ": " + episode);
            assertTrue(episode.peakScore() > 6, "seed " + seed + ": " + episode);
            assertTrue(episode.peakIndex() >= onset && episode.peakIndex() <= episode.end(), "seed " + seed + ": " + episode);

            double[] trailing = AnomalyScorer.trailing(values, 120, 30);
            List<AnomalyEpisode> trailingFound = AnomalyScorer.episodes(trailing, T, 3, 2);
            assertEquals(1, trailingFound.size(), "seed " + seed + " (trailing): " + trailingFound);
            assertEquals(onset, trailingFound.get(0).start(), "seed " + seed + " (trailing): " + trailingFound);
        }
    }

    @Test
    void aDropIsANegativeEpisode() {
        long seed = 7;
        Random random = new Random(seed);
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = 500 + 10 * random.nextGaussian() - (i >= 170 && i < 180 ? 200 : 0);
        }
        List<AnomalyEpisode> found = AnomalyScorer.episodes(AnomalyScorer.againstReference(values, 150), T, 3, 2);
        assertEquals(1, found.size(), "seed " + seed + ": " + found);
        assertEquals(170, found.get(0).start(), "seed " + seed);
        assertTrue(found.get(0).peakScore() < -10, "seed " + seed + ": " + found);
    }

    // ---- episodes ----

    @Test
    void episodesBridgeShortGapsAndCountOnlyAnomalousPoints() {
        double[] scores = {0, 5, 0, 0, 6, 5, 0, 0, 0, 5, 5, 0, 0, 0};
        // Gap of 2 quiet points bridged; 3 quiet points end the run.
        assertEquals(List.of(new AnomalyEpisode(1, 5, 4, 6.0, 3)), AnomalyScorer.episodes(scores, 4, 3, 2));
        // A run of 2 hits is kept only once the minimum length allows it.
        assertEquals(List.of(new AnomalyEpisode(1, 5, 4, 6.0, 3), new AnomalyEpisode(9, 10, 9, 5.0, 2)),
                AnomalyScorer.episodes(scores, 4, 2, 2));
        // With no gap allowed the first run falls apart into pieces too short to keep.
        assertEquals(List.of(new AnomalyEpisode(4, 5, 4, 6.0, 2), new AnomalyEpisode(9, 10, 9, 5.0, 2)),
                AnomalyScorer.episodes(scores, 4, 2, 0));
        assertEquals(List.of(), AnomalyScorer.episodes(scores, 4, 3, 1));
    }

    @Test
    void nanPointsAreQuietButBridgeable() {
        assertEquals(List.of(new AnomalyEpisode(0, 3, 3, 7.0, 3)),
                AnomalyScorer.episodes(new double[] {5, Double.NaN, 5, 7}, 4, 3, 1));
        assertEquals(List.of(), AnomalyScorer.episodes(new double[] {5, Double.NaN, Double.NaN, 5, 7}, 4, 3, 1));
    }

    @Test
    void thresholdIsInclusiveAndARunAtTheEndIsKept() {
        assertEquals(List.of(new AnomalyEpisode(2, 4, 2, 4.0, 3)),
                AnomalyScorer.episodes(new double[] {0, 3.99, 4.0, 4.0, 4.0}, 4, 3, 0));
        assertEquals(List.of(), AnomalyScorer.episodes(new double[] {3.99, 3.99, 3.99}, 4, 1, 0));
        assertEquals(List.of(), AnomalyScorer.episodes(new double[0], 4, 1, 0));
    }

    @Test
    void directionChangesSplitEpisodes() {
        double[] scores = {5, 6, 5, -5, -8, -5};
        assertEquals(List.of(new AnomalyEpisode(0, 2, 1, 6.0, 3), new AnomalyEpisode(3, 5, 4, -8.0, 3)),
                AnomalyScorer.episodes(scores, 4, 3, 2));
        // A single opposite point inside a run is not bridged over: it splits the run.
        double[] interrupted = {5, 5, -6, 5, 5};
        assertEquals(List.of(new AnomalyEpisode(0, 1, 0, 5.0, 2), new AnomalyEpisode(3, 4, 3, 5.0, 2)),
                AnomalyScorer.episodes(interrupted, 4, 2, 2));
        assertEquals(List.of(new AnomalyEpisode(0, 1, 0, 5.0, 2), new AnomalyEpisode(2, 2, 2, -6.0, 1),
                new AnomalyEpisode(3, 4, 3, 5.0, 2)), AnomalyScorer.episodes(interrupted, 4, 1, 2));
    }

    @Test
    void overlapsIsInclusiveOnBothEnds() {
        AnomalyEpisode e = new AnomalyEpisode(10, 20, 15, 9, 11);
        assertTrue(e.overlaps(20, 30));
        assertTrue(e.overlaps(0, 10));
        assertTrue(e.overlaps(12, 13));
        assertTrue(!e.overlaps(21, 30));
        assertTrue(!e.overlaps(0, 9));
    }
}
