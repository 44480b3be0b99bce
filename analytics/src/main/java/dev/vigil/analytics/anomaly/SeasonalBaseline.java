package dev.vigil.analytics.anomaly;

/**
 * Expected value per phase of a period found in the data itself. Points are averaged in blocks
 * into a bounded history; every {@code redetectEvery} points the autocorrelation of that history
 * is searched for its strongest peak (a daily or weekly cycle shows up there whatever the sample
 * rate), and a period is accepted only when its correlation is clearly positive. Per phase, an
 * exponentially weighted mean of past values is the baseline. Bounded state: the history and one
 * value per phase of the longest period allowed. Not thread-safe.
 */
final class SeasonalBaseline {
    private static final int HISTORY = 512;
    private static final int MIN_LAG = 4;
    private final int block;
    private final int maxPeriod;
    private final int redetectEvery;
    private final double minCorrelation;
    private final double phaseAlpha;
    private final double[] history = new double[HISTORY];
    private int historyCount;
    private int historyHead;
    private final double[] ordered = new double[HISTORY];
    private double blockSum;
    private int blockFill;
    private long count;
    private int period;
    private double[] profile = new double[0];
    private boolean[] profileSet = new boolean[0];

    SeasonalBaseline(int block, int redetectEvery, double minCorrelation, double phaseAlpha) {
        this.block = block;
        this.maxPeriod = block * HISTORY / 2;
        this.redetectEvery = redetectEvery;
        this.minCorrelation = minCorrelation;
        this.phaseAlpha = phaseAlpha;
    }

    /** The period in points, or 0 while none is known. */
    int period() {
        return period;
    }

    /** Expected value of the next point (call before {@link #update}); NaN while unknown. */
    double expected() {
        if (period == 0) {
            return Double.NaN;
        }
        int phase = (int) (count % period);
        return profileSet[phase] ? profile[phase] : Double.NaN;
    }

    void update(double x) {
        if (period > 0) {
            int phase = (int) (count % period);
            if (profileSet[phase]) {
                profile[phase] += phaseAlpha * (x - profile[phase]);
            } else {
                profile[phase] = x;
                profileSet[phase] = true;
            }
        }
        blockSum += x;
        if (++blockFill == block) {
            // A ring: the oldest block is overwritten; detect() unrolls it in time order.
            history[historyHead] = blockSum / block;
            historyHead = (historyHead + 1) % HISTORY;
            historyCount = Math.min(historyCount + 1, HISTORY);
            blockSum = 0;
            blockFill = 0;
        }
        count++;
        if (count % redetectEvery == 0) {
            detect();
        }
    }

    private void detect() {
        int n = historyCount;
        if (n < 4 * MIN_LAG) {
            return;
        }
        int oldest = (historyHead - n + HISTORY) % HISTORY;
        for (int i = 0; i < n; i++) {
            ordered[i] = history[(oldest + i) % HISTORY];
        }
        double[] history = ordered;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += history[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = history[i] - mean;
            var += d * d;
        }
        if (var <= 0) {
            return;
        }
        int bestLag = 0;
        double best = minCorrelation;
        double previous = 1;
        boolean descended = false;
        for (int lag = MIN_LAG; lag <= n / 2; lag++) {
            double c = 0;
            for (int i = lag; i < n; i++) {
                c += (history[i] - mean) * (history[i - lag] - mean);
            }
            c = c / var * n / (n - lag);
            // Only peaks after the first dip count: the slope near lag 0 is not a cycle.
            if (c < previous) {
                descended = true;
            }
            if (descended && c > best) {
                best = c;
                bestLag = lag;
            }
            previous = c;
        }
        int found = bestLag * block;
        if (found != period && found > 0 && found <= maxPeriod) {
            period = found;
            profile = new double[found];
            profileSet = new boolean[found];
        }
    }
}
