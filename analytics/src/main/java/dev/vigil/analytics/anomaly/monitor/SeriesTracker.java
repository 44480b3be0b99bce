package dev.vigil.analytics.anomaly.monitor;

import java.time.Instant;
import java.util.Arrays;

import dev.vigil.analytics.anomaly.StreamingAnomalyDetector;

/**
 * The live state of one monitored series: its streaming detector, the last
 * {@link #BASELINE_POINTS} values (the expected value is their median), and the episode in progress.
 *
 * <p>The detector's output is sparse (it alarms once, at the onset of an event), so the episode's
 * extent comes from the values: it lasts while they stay at least {@link #CONTINUE_SIGMAS} robust
 * standard deviations from the baseline frozen at the alarm, and ends after {@link #QUIET_STEPS}
 * steps back within it, or after {@code maxSteps} steps (a lasting level shift is the new normal).
 * An alarm opens an episode only if the value departs at least {@link #OPEN_SIGMAS} from the baseline
 * within {@link #PENDING_STEPS} steps: the detector also reacts to new shapes that change nothing an
 * operator would see. Bounded state: the detector's few KiB plus 30 doubles.
 *
 * <p>Not thread-safe: one owner feeds it in time order.
 */
final class SeriesTracker {
    static final int BASELINE_POINTS = 30;
    static final int MIN_BASELINE = 10;
    static final double OPEN_SIGMAS = 3;
    static final double CONTINUE_SIGMAS = 2;
    static final int QUIET_STEPS = 3;
    static final int PENDING_STEPS = 3;
    private static final double MAD_TO_SIGMA = 1.4826;

    private final SignalId id;
    private final StreamingAnomalyDetector detector;
    private final double threshold;
    private final int maxSteps;
    private final double minScale;
    private final double[] recent = new double[BASELINE_POINTS];
    private int recentCount;
    private int recentNext;

    /** Alarm waiting for the values to depart (onset, score, frozen baseline), or none when onsetMillis is -1. */
    private long pendingOnset = -1;
    private int pendingLeft;
    private double pendingScore;
    private double frozenMedian;
    private double frozenScale;

    private Episode open;
    /** False until the series' first event: a count series does not exist before it (see {@link #update}). */
    private boolean begun;

    /** An episode in progress. */
    private static final class Episode {
        long onset;
        long peak;
        long lastDeparting;
        double peakDeviation;
        double peakObserved;
        double score;
        int steps;
        int quiet;
        double expected;
        double scale;
    }

    /**
     * @param minScale the smallest deviation scale for this series: one event per step for counts, one
     *                 percentage point for error rates, 1 ms for latency, so that a series that was
     *                 flat (no errors at all) does not call its first error a hundred sigmas
     */
    SeriesTracker(SignalId id, StreamingAnomalyDetector detector, double threshold, int maxSteps, double minScale) {
        this.id = id;
        this.detector = detector;
        this.threshold = threshold;
        this.maxSteps = maxSteps;
        this.minScale = minScale;
    }

    SignalId id() {
        return id;
    }

    /**
     * Feeds the value of the step starting at {@code startMillis}.
     *
     * @return the episode this step closed, or null
     */
    Anomaly update(long startMillis, long stepMillis, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        if (!begun) {
            // Steps before a count series' first event are not a history of zeros: the service or
            // template did not exist yet (or the data starts here). Feeding them would make the
            // series' first events look like a jump from nothing.
            if (value == 0 && id.kind().countsEvents()) {
                return null;
            }
            begun = true;
        }
        double score = detector.update(value);
        Anomaly closed = null;
        if (open != null) {
            closed = extend(startMillis, stepMillis, value, score);
        } else if (pendingOnset >= 0 || (score >= threshold && recentCount >= MIN_BASELINE)) {
            if (pendingOnset < 0) {
                pendingOnset = startMillis;
                pendingLeft = PENDING_STEPS;
                pendingScore = score;
                frozenMedian = median();
                frozenScale = scale(frozenMedian);
            }
            pendingScore = Math.max(pendingScore, score);
            double deviation = deviation(value, frozenMedian, frozenScale);
            if (deviation >= OPEN_SIGMAS) {
                open = new Episode();
                open.onset = pendingOnset;
                open.expected = frozenMedian;
                open.scale = frozenScale;
                open.score = pendingScore;
                open.peak = startMillis;
                open.lastDeparting = startMillis;
                open.peakDeviation = deviation;
                open.peakObserved = value;
                open.steps = (int) ((startMillis - pendingOnset) / stepMillis) + 1;
                pendingOnset = -1;
            } else if (--pendingLeft <= 0) {
                pendingOnset = -1;
            }
        }
        remember(value);
        return closed;
    }

    private Anomaly extend(long startMillis, long stepMillis, double value, double score) {
        Episode e = open;
        e.steps++;
        e.score = Math.max(e.score, score);
        double deviation = deviation(value, e.expected, e.scale);
        if (deviation >= CONTINUE_SIGMAS) {
            e.quiet = 0;
            e.lastDeparting = startMillis;
            if (deviation > e.peakDeviation) {
                e.peakDeviation = deviation;
                e.peak = startMillis;
                e.peakObserved = value;
            }
        } else {
            e.quiet++;
        }
        if (e.quiet >= QUIET_STEPS || e.steps >= maxSteps) {
            open = null;
            return toAnomaly(e, stepMillis, false);
        }
        return null;
    }

    /** The episode in progress, reported as ongoing at the end of the data, or null. */
    Anomaly inProgress(long stepMillis) {
        return open == null ? null : toAnomaly(open, stepMillis, true);
    }

    private Anomaly toAnomaly(Episode e, long stepMillis, boolean ongoing) {
        return new Anomaly(Anomaly.idOf(id, e.onset), id, Instant.ofEpochMilli(e.onset), Instant.ofEpochMilli(e.peak),
                Instant.ofEpochMilli(e.lastDeparting + stepMillis), e.score, e.expected, e.peakObserved, ongoing);
    }

    /** Signed distance in robust sigmas, counting only the directions that matter for this kind. */
    private double deviation(double value, double median, double scale) {
        double z = (value - median) / scale;
        return id.kind().upOnly() ? z : Math.abs(z);
    }

    private void remember(double value) {
        recent[recentNext] = value;
        recentNext = (recentNext + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }

    private double median() {
        double[] sorted = Arrays.copyOf(recentCount == recent.length ? recent : Arrays.copyOf(recent, recentCount), recentCount);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * 1.4826 × MAD of the recent values, floored at 1% of the median's size and at the series'
     * minimum scale: a flat series must not turn a rounding difference into a hundred sigmas.
     */
    private double scale(double median) {
        double[] deviations = new double[recentCount];
        for (int i = 0; i < recentCount; i++) {
            deviations[i] = Math.abs(recent[i] - median);
        }
        Arrays.sort(deviations);
        int n = deviations.length;
        double mad = n % 2 == 1 ? deviations[n / 2] : (deviations[n / 2 - 1] + deviations[n / 2]) / 2;
        return Math.max(MAD_TO_SIGMA * mad, Math.max(0.01 * Math.abs(median), Math.max(minScale, 1e-9)));
    }
}
