package dev.vigil.analytics.anomaly;

/**
 * Exponentially weighted robust location and scale of a stream: each update moves the level
 * towards the value by at most {@code clip} scales, so one spike barely moves it, while a lasting
 * shift is followed within about {@code 1/alpha} points. The scale is the weighted mean absolute
 * deviation times 1.25 (the standard deviation for normal data). O(1) time and state.
 * Not thread-safe.
 */
final class RobustLevel {
    private static final double MEAN_ABS_TO_SIGMA = 1.2533;
    private final double alpha;
    private final double clip;
    private double level;
    private double meanAbs;
    private long count;

    RobustLevel(double alpha, double clip) {
        this.alpha = alpha;
        this.clip = clip;
    }

    void update(double x) {
        if (count == 0) {
            level = x;
            count = 1;
            return;
        }
        // Plain averages while young, so the first points do not stick for 1/alpha points.
        double a = Math.max(alpha, 1.0 / (count + 1));
        double dev = x - level;
        double bound = clip * sigma();
        double clipped = bound > 0 ? Math.max(-bound, Math.min(bound, dev)) : dev;
        level += a * clipped;
        meanAbs += a * (Math.abs(clipped) - meanAbs);
        count++;
    }

    double level() {
        return level;
    }

    double sigma() {
        return MEAN_ABS_TO_SIGMA * meanAbs;
    }

    long count() {
        return count;
    }
}
