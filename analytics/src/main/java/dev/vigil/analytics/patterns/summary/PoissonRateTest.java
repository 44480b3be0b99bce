package dev.vigil.analytics.patterns.summary;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * The exact conditional test for the equality of two Poisson rates: given {@code n = x + y}
 * events in total, {@code x} (counted over exposure {@code t}) is Binomial({@code n},
 * {@code t / (t + u)}) under the null hypothesis that both windows share one rate. Two-sided
 * p-value by the minimum-likelihood rule: the probability of every outcome no more likely than
 * the one observed (as R's {@code poisson.test} and {@code binom.test} compute it).
 *
 * <p>Exact for any count a Lucene index can hold, in O(log n) distribution evaluations: the
 * binomial probabilities rise to the mode and fall after it, so the far tail's boundary is found
 * by bisection and both tails come from the cumulative distribution. Stateless and thread-safe.
 */
public final class PoissonRateTest {
    /** How the test is named in results. */
    public static final String NAME = "exact conditional binomial test for two Poisson rates (two-sided)";

    /** Outcomes this close in probability to the observed one count as equally likely (R's tolerance). */
    private static final double RELATIVE_TOLERANCE = 1 + 1e-7;

    private PoissonRateTest() {
    }

    /**
     * @param count            events in the window
     * @param exposure         the window's length (any unit, the same as {@code baselineExposure}), positive
     * @param baselineCount    events in the baseline
     * @param baselineExposure the baseline's length, positive
     * @return the two-sided p-value of "both rates are equal"; 1 when there are no events at all
     */
    public static double pValue(long count, double exposure, long baselineCount, double baselineExposure) {
        if (count < 0 || baselineCount < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + count + ", " + baselineCount);
        }
        if (!(exposure > 0) || !(baselineExposure > 0) || Double.isInfinite(exposure) || Double.isInfinite(baselineExposure)) {
            throw new IllegalArgumentException("exposures must be positive and finite: " + exposure + ", " + baselineExposure);
        }
        long total = count + baselineCount;
        if (total == 0) {
            return 1.0;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more events than one index can hold: " + total);
        }
        return binomialTwoSided((int) count, (int) total, exposure / (exposure + baselineExposure));
    }

    /** Two-sided minimum-likelihood p-value of {@code x} successes in {@code n} trials with success probability {@code p}. */
    static double binomialTwoSided(int x, int n, double p) {
        // No random generator: the default constructor would seed a costly one per call.
        BinomialDistribution distribution = new BinomialDistribution(null, n, p);
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double threshold = distribution.logProbability(x) + Math.log(RELATIVE_TOLERANCE);
        if (x == mode || distribution.logProbability(mode) <= threshold) {
            return 1.0;
        }
        double tails;
        if (x < mode) {
            // Far tail: from the first k above the mode no more likely than x.
            int k = firstAtMost(distribution, threshold, mode, n);
            tails = atMost(x, n, p) + (k < 0 ? 0 : atLeast(k, n, p));
        } else {
            int k = lastAtMost(distribution, threshold, 0, mode);
            tails = atLeast(x, n, p) + (k < 0 ? 0 : atMost(k, n, p));
        }
        return Math.min(1.0, tails);
    }

    /*
     * Both tails straight from the regularized incomplete beta function. The distribution's own
     * cumulativeProbability is one minus the other tail, which rounds every p-value below about
     * 1e-16 to zero, and a surge of 80 against 4 lines is far beyond that.
     */

    /** P(X <= k) for X ~ Binomial(n, p). */
    static double atMost(int k, int n, double p) {
        return k >= n ? 1.0 : k < 0 ? 0.0 : Beta.regularizedBeta(1 - p, n - k, k + 1.0);
    }

    /**
     * P(X >= k) for X ~ Binomial(n, p): the one-sided p-value of a surge of {@code k} of {@code n}
     * events in a window that holds the share {@code p} of the exposure. Exact far below 1e-16.
     */
    public static double atLeast(int k, int n, double p) {
        return k <= 0 ? 1.0 : k > n ? 0.0 : Beta.regularizedBeta(p, k, n - k + 1.0);
    }

    /** On [from, to], where the log probability falls: the first k at or below threshold, or -1. */
    private static int firstAtMost(BinomialDistribution d, double threshold, int from, int to) {
        if (d.logProbability(to) > threshold) {
            return -1;
        }
        int low = from;
        int high = to;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (d.logProbability(mid) <= threshold) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** On [from, to], where the log probability rises: the last k at or below threshold, or -1. */
    private static int lastAtMost(BinomialDistribution d, double threshold, int from, int to) {
        if (d.logProbability(from) > threshold) {
            return -1;
        }
        int low = from;
        int high = to;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (d.logProbability(mid) <= threshold) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
