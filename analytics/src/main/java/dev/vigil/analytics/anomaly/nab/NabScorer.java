package dev.vigil.analytics.anomaly.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NAB v1.1 score: sigmoid-weighted rewards for the earliest detection in each window, costs
 * for missed windows and for detections outside windows, per profile, normalised between the
 * null detector (detects nothing) and the perfect one (detects every window at its left edge).
 * Stateless and thread-safe.
 */
public final class NabScorer {
    /** Share of each file never scored, while a detector learns. */
    static final double PROBATION_SHARE = 0.15;
    /** Upper bound of the probationary period, in rows. */
    static final int PROBATION_MAX = 750;

    private NabScorer() {
    }

    /** The probationary period of a file of {@code rows} rows. */
    public static int probationLength(int rows) {
        return (int) Math.min(Math.floor(PROBATION_SHARE * rows), PROBATION_MAX);
    }

    /** {@code 2/(1+e^{5y}) - 1}, and -1 past {@code y = 3}. */
    static double sigmoid(double y) {
        if (y > 3) {
            return -1;
        }
        return 2 / (1 + Math.exp(5 * y)) - 1;
    }

    /**
     * Unweighted value of a detection at {@code row}: for a row inside a window, its true-positive
     * reward relative to a left-edge detection (in (0, 1]); for a row outside, its false-positive
     * cost as a value in [-1, 0]. {@code windowIndex} receives the window the row is in, or -1.
     */
    static double rowValue(List<NabSeries.Window> windows, int row, int[] windowIndex) {
        NabSeries.Window previous = null;
        for (int k = 0; k < windows.size(); k++) {
            NabSeries.Window w = windows.get(k);
            if (row < w.left()) {
                break;
            }
            if (row <= w.right()) {
                windowIndex[0] = k;
                double y = -(double) (w.right() - row + 1) / w.width();
                return sigmoid(y) / sigmoid(-1);
            }
            previous = w;
        }
        windowIndex[0] = -1;
        if (previous == null) {
            return -1;
        }
        int span = previous.width() - 1;
        double y = span > 0 ? (double) (row - previous.right()) / span : Double.POSITIVE_INFINITY;
        return sigmoid(y);
    }

    /** Raw score of one file at one threshold. */
    public static double rawScore(NabSeries series, double[] scores, double threshold, NabProfile profile) {
        if (scores.length != series.size()) {
            throw new IllegalArgumentException(series.key() + ": " + scores.length + " scores for " + series.size() + " rows");
        }
        List<NabSeries.Window> windows = series.windows();
        boolean[] detected = new boolean[windows.size()];
        int[] windowIndex = new int[1];
        double tp = 0;
        double fp = 0;
        for (int i = series.probation(); i < scores.length; i++) {
            if (!(scores[i] >= threshold)) {
                continue;
            }
            double value = rowValue(windows, i, windowIndex);
            int k = windowIndex[0];
            if (k >= 0) {
                if (!detected[k]) {
                    detected[k] = true;
                    tp += value;
                }
            } else {
                fp += value;
            }
        }
        int missed = 0;
        for (boolean d : detected) {
            missed += d ? 0 : 1;
        }
        return profile.tp() * tp - profile.fn() * missed + profile.fp() * fp;
    }

    /** Raw score of the null detector: every window missed. */
    public static double nullScore(int windows, NabProfile profile) {
        return -profile.fn() * windows;
    }

    /** Raw score of the perfect detector: every window found at its left edge. */
    public static double perfectScore(int windows, NabProfile profile) {
        return profile.tp() * windows;
    }

    /** {@code 100 · (raw - null) / (perfect - null)}. */
    public static double normalise(double raw, int windows, NabProfile profile) {
        double none = nullScore(windows, profile);
        return 100 * (raw - none) / (perfectScore(windows, profile) - none);
    }

    /** The best corpus score of one profile and the threshold that reaches it. */
    public record Result(NabProfile profile, double threshold, double raw, double normalised, int truePositives,
                         int falsePositives, int windows) {
    }

    /**
     * Finds, for each profile, the threshold that maximises the corpus score. Every distinct
     * score is tried (plus one above the maximum, the null detector), so the optimum is exact.
     *
     * @param scores one array per series, aligned with {@code corpus}
     */
    public static List<Result> optimise(List<NabSeries> corpus, List<double[]> scores, List<NabProfile> profiles) {
        int totalWindows = 0;
        int candidates = 0;
        for (int f = 0; f < corpus.size(); f++) {
            NabSeries s = corpus.get(f);
            totalWindows += s.windows().size();
            candidates += Math.max(0, s.size() - s.probation());
        }
        // Each scored row as (score, value, global window id or -1, row) sorted by score descending.
        double[] rowScore = new double[candidates];
        double[] rowVal = new double[candidates];
        int[] rowWindow = new int[candidates];
        int[] rowIndex = new int[candidates];
        int n = 0;
        int windowBase = 0;
        int[] windowIndex = new int[1];
        for (int f = 0; f < corpus.size(); f++) {
            NabSeries s = corpus.get(f);
            double[] sc = scores.get(f);
            if (sc.length != s.size()) {
                throw new IllegalArgumentException(s.key() + ": " + sc.length + " scores for " + s.size() + " rows");
            }
            for (int i = s.probation(); i < s.size(); i++) {
                rowScore[n] = Double.isNaN(sc[i]) ? Double.NEGATIVE_INFINITY : sc[i];
                rowVal[n] = rowValue(s.windows(), i, windowIndex);
                rowWindow[n] = windowIndex[0] >= 0 ? windowBase + windowIndex[0] : -1;
                rowIndex[n] = i;
                n++;
            }
            windowBase += s.windows().size();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(rowScore[b], rowScore[a]));

        // Sweep the threshold downwards: each row joins the detections once the threshold reaches its score.
        int[] earliestRow = new int[totalWindows];
        double[] earliestValue = new double[totalWindows];
        Arrays.fill(earliestRow, Integer.MAX_VALUE);
        double tpSum = 0;
        double fpSum = 0;
        int found = 0;
        int fpCount = 0;
        int p = profiles.size();
        double[] bestRaw = new double[p];
        double[] bestThreshold = new double[p];
        int[] bestTp = new int[p];
        int[] bestFp = new int[p];
        for (int k = 0; k < p; k++) {
            bestRaw[k] = nullScore(totalWindows, profiles.get(k));
            bestThreshold[k] = n > 0 ? Math.nextUp(rowScore[order[0]]) : 1.0;
        }
        int i = 0;
        while (i < n) {
            double threshold = rowScore[order[i]];
            if (threshold == Double.NEGATIVE_INFINITY) {
                break;
            }
            while (i < n && rowScore[order[i]] == threshold) {
                int r = order[i];
                int w = rowWindow[r];
                if (w >= 0) {
                    if (rowIndex[r] < earliestRow[w]) {
                        if (earliestRow[w] == Integer.MAX_VALUE) {
                            found++;
                        } else {
                            tpSum -= earliestValue[w];
                        }
                        earliestRow[w] = rowIndex[r];
                        earliestValue[w] = rowVal[r];
                        tpSum += rowVal[r];
                    }
                } else {
                    fpSum += rowVal[r];
                    fpCount++;
                }
                i++;
            }
            for (int k = 0; k < p; k++) {
                NabProfile profile = profiles.get(k);
                double raw = profile.tp() * tpSum - profile.fn() * (totalWindows - found) + profile.fp() * fpSum;
                if (raw > bestRaw[k]) {
                    bestRaw[k] = raw;
                    bestThreshold[k] = threshold;
                    bestTp[k] = found;
                    bestFp[k] = fpCount;
                }
            }
        }
        List<Result> out = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            NabProfile profile = profiles.get(k);
            out.add(new Result(profile, bestThreshold[k], bestRaw[k], normalise(bestRaw[k], totalWindows, profile), bestTp[k],
                    bestFp[k], totalWindows));
        }
        return out;
    }
}
