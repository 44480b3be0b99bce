package dev.vigil.rca.changes;

import java.time.Duration;

/**
 * The knobs of a change verdict. {@link #defaults()} is what the API uses.
 *
 * @param settle               time after the change that neither side uses: instances start, caches warm, old
 *                             processes drain their last requests
 * @param maxWindow            the longest comparison window on either side
 * @param falseDiscoveryRate   Benjamini–Hochberg level over every test of one verdict (error rate, latency,
 *                             each warning template)
 * @param minRequests          requests each side needs for the error-rate and latency tests
 * @param minErrorRateIncrease smallest rise of the failure rate (absolute, 0.02 = two percentage points) that counts
 * @param minErrorRateRatio    and the smallest factor it must rise by (when the old side failed at all)
 * @param minMedianRatio       latency counts as worse when the median rose by this factor ...
 * @param minP95Ratio          ... or the 95th percentile by this one,
 * @param minSuperiority       and a random new request is slower than a random old one with at least this probability
 * @param minTemplateRatio     a warning template counts when its rate rose by this factor (or it is new)
 * @param minTemplateCount     and it occurred at least this often on the new side
 */
public record VerdictSettings(Duration settle, Duration maxWindow, double falseDiscoveryRate, int minRequests,
                              double minErrorRateIncrease, double minErrorRateRatio, double minMedianRatio, double minP95Ratio,
                              double minSuperiority, double minTemplateRatio, int minTemplateCount) {

    public VerdictSettings {
        if (settle.isNegative() || maxWindow.isZero() || maxWindow.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative and the window must be positive");
        }
        if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
            throw new IllegalArgumentException("false discovery rate must be in (0, 1), got " + falseDiscoveryRate);
        }
        if (minRequests < 2) {
            throw new IllegalArgumentException("at least 2 requests a side are needed, got " + minRequests);
        }
    }

    /**
     * One minute of settling, at most 30 minutes a side, 1% false discoveries, 30 requests a side,
     * and minimum effects a person would act on: +2 points and x1.5 failure rate, x1.2 median or
     * x1.5 p95 latency with a 56% chance a new request is slower (a "small" effect by Vargha and
     * Delaney), x2 a warning template seen at least 3 times.
     */
    public static VerdictSettings defaults() {
        return new VerdictSettings(Duration.ofMinutes(1), Duration.ofMinutes(30), 0.01, 30, 0.02, 1.5, 1.2, 1.5, 0.56, 2.0, 3);
    }
}
