package dev.vigil.rca;

import java.util.List;

import dev.vigil.analytics.anomaly.AnomalyEpisode;
import dev.vigil.analytics.anomaly.AnomalyScorer;
import dev.vigil.analytics.anomaly.RobustBaseline;

/**
 * Finds the anomalous run of one step series that covers the incident window.
 */
final class SignalDetection {
    static final double THRESHOLD = AnomalyScorer.DEFAULT_THRESHOLD;
    static final int MIN_POINTS = 3;
    static final int MAX_GAP = 2;
    /**
     * Deviation (in robust σ) that still counts as "already departing" when tracing an anomaly
     * back to where it began: significance needs {@link #THRESHOLD}, but a slow drift (a leak,
     * a filling pool) starts well before it gets there.
     */
    static final double ONSET_TRACE = 1.5;

    private SignalDetection() {
    }

    /**
     * A detected run: its episode, the baseline it was scored against, and where the departure
     * began ({@code onset} ≤ the episode's start): traced back while the points keep deviating, or
     * the streaming detector's alarm just before the run when that is earlier.
     */
    record Run(AnomalyEpisode episode, RobustBaseline baseline, int onset) {
    }

    /**
     * @param values      one value per step (NaN for none)
     * @param baselineEnd first index after the baseline
     * @param windowStart first index inside the incident window
     * @param windowEnd   last index inside the incident window
     * @param upOnly      only increases count (error rates, latency)
     * @return the earliest anomalous run overlapping the window, or null
     */
    static Run detect(double[] values, int baselineEnd, int windowStart, int windowEnd, boolean upOnly) {
        int present = 0;
        for (int i = 0; i < baselineEnd && i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                present++;
            }
        }
        if (present < 5) {
            return null;
        }
        double[] scores = AnomalyScorer.againstReference(values, baselineEnd);
        List<AnomalyEpisode> episodes = AnomalyScorer.episodes(scores, THRESHOLD, MIN_POINTS, MAX_GAP);
        for (AnomalyEpisode episode : episodes) {
            if (upOnly && episode.peakScore() < 0) {
                continue;
            }
            if (episode.overlaps(windowStart, windowEnd)) {
                RobustBaseline baseline = RobustBaseline.of(values, 0, baselineEnd, 0);
                double sign = Math.signum(episode.peakScore());
                int onset = traceOnset(scores, episode.start(), sign, baselineEnd);
                // The streaming detector is the second witness: an alarm of its own just before the
                // run, in the run's direction, moves the onset back to it.
                int alarm = StreamingOnset.find(values, episode.start(), baselineEnd, baseline.median(), sign);
                if (alarm >= 0 && alarm < onset) {
                    onset = alarm;
                }
                return new Run(episode, baseline, onset);
            }
        }
        return null;
    }

    /**
     * Walks back from the first significant point while the points keep deviating the same way
     * by at least {@link #ONSET_TRACE}, never into the baseline itself.
     */
    static int traceOnset(double[] scores, int start, double sign, int baselineEnd) {
        int onset = start;
        for (int i = start - 1; i >= baselineEnd; i--) {
            if (Double.isNaN(scores[i]) || sign * scores[i] < ONSET_TRACE) {
                break;
            }
            onset = i;
        }
        return onset;
    }

    /** Maps a peak z-score to 0..1: 4σ → 0, 40σ → 0.5, 400σ and beyond → 1. */
    static double severity(double peakScore) {
        double ratio = Math.abs(peakScore) / THRESHOLD;
        return Math.max(0, Math.min(1, Math.log10(Math.max(1, ratio)) / 2));
    }
}
