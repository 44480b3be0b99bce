package dev.vigil.rca.changes;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test on a two-by-two table of failed and total requests, one-sided: how likely
 * is it, if both sides fail at the same rate, that the new side holds at least as many of all the
 * failures as it does? Given the margins, the new side's failures are hypergeometric. Exact for
 * any count, including the zero-failure baselines of healthy services, where a normal
 * approximation of two proportions would break down. Stateless and thread-safe.
 */
public final class FisherExactTest {
    /** How the test is named in results. */
    public static final String NAME = "Fisher's exact test (one-sided: the new side fails more)";

    private FisherExactTest() {
    }

    /**
     * @param failures         failed requests on the new side
     * @param requests         all requests on the new side, at least {@code failures}
     * @param baselineFailures failed requests on the old side
     * @param baselineRequests all requests on the old side, at least {@code baselineFailures}
     * @return P(new-side failures >= observed) under equal failure rates; 1 when a side is empty or nothing failed
     */
    public static double pValueGreater(long failures, long requests, long baselineFailures, long baselineRequests) {
        if (failures < 0 || baselineFailures < 0 || failures > requests || baselineFailures > baselineRequests) {
            throw new IllegalArgumentException("failures must be between 0 and the requests: " + failures + "/" + requests
                    + ", " + baselineFailures + "/" + baselineRequests);
        }
        long population = requests + baselineRequests;
        long allFailures = failures + baselineFailures;
        if (requests == 0 || baselineRequests == 0 || allFailures == 0) {
            return 1.0;
        }
        if (population > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many requests for one comparison: " + population);
        }
        // No random generator: the default constructor would seed a costly one per call.
        HypergeometricDistribution distribution = new HypergeometricDistribution(null, (int) population, (int) allFailures, (int) requests);
        // Summed upwards from the observed count, so tiny p-values keep their digits (no 1 - x).
        return Math.min(1.0, distribution.upperCumulativeProbability((int) failures));
    }
}
