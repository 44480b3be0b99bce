package dev.vigil.analytics.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores each point of a series by how far it is from a robust baseline, in robust standard
 * deviations. Stateless and thread-safe.
 */
public final class AnomalyScorer {
    /** |score| at or above which a point is anomalous; 4 robust sigmas keeps noise quiet. */
    public static final double DEFAULT_THRESHOLD = 4.0;

    private AnomalyScorer() {
    }

    /**
     * Scores point {@code i} against the {@code window} points before it. The first
     * {@code minHistory} points get NaN (not enough history to judge).
     */
    public static double[] trailing(double[] values, int window, int minHistory) {
        double floor = rangeFloor(values);
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int from = Math.max(0, i - window);
            if (i - from < minHistory) {
                scores[i] = Double.NaN;
                continue;
            }
            scores[i] = RobustBaseline.of(values, from, i, floor).score(values[i]);
        }
        return scores;
    }

    /** Scores every point against one fixed baseline, the points {@code [0, baselineEnd)}. */
    public static double[] againstReference(double[] values, int baselineEnd) {
        RobustBaseline baseline = RobustBaseline.of(values, 0, Math.min(baselineEnd, values.length), rangeFloor(values));
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = baseline.score(values[i]);
        }
        return scores;
    }

    /**
     * Runs of anomalous points: consecutive points with |score| ≥ threshold in the same direction,
     * bridging gaps of up to {@code maxGap} quiet points, kept when at least {@code minLength} long.
     */
    public static List<AnomalyEpisode> episodes(double[] scores, double threshold, int minLength, int maxGap) {
        List<AnomalyEpisode> out = new ArrayList<>();
        int start = -1;
        int lastHit = -1;
        int hits = 0;
        int direction = 0;
        double peak = 0;
        int peakIndex = -1;
        for (int i = 0; i <= scores.length; i++) {
            double s = i < scores.length ? scores[i] : Double.NaN;
            boolean hit = !Double.isNaN(s) && Math.abs(s) >= threshold;
            int dir = hit ? (s > 0 ? 1 : -1) : 0;
            if (hit && start >= 0 && dir == direction && i - lastHit - 1 <= maxGap) {
                lastHit = i;
                hits++;
                if (Math.abs(s) > Math.abs(peak)) {
                    peak = s;
                    peakIndex = i;
                }
                continue;
            }
            boolean runEnds = start >= 0 && (hit || i - lastHit > maxGap || i == scores.length);
            if (runEnds) {
                if (hits >= minLength) {
                    out.add(new AnomalyEpisode(start, lastHit, peakIndex, peak, hits));
                }
                start = -1;
            }
            if (hit) {
                start = i;
                lastHit = i;
                hits = 1;
                direction = dir;
                peak = s;
                peakIndex = i;
            }
        }
        return out;
    }

    /** 1% of the series' own range: a change smaller than that is never an anomaly. */
    static double rangeFloor(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > min ? 0.01 * (max - min) : 0;
    }
}
