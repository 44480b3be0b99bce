package dev.vigil.rca.changes;

/**
 * The latency test of a verdict.
 *
 * @param test           the test's name, see {@link MannWhitneyTest}
 * @param u              the new side's U statistic
 * @param z              its standardised value
 * @param pValue         one-sided p-value (new side slower); NaN when skipped
 * @param adjustedPValue after Benjamini–Hochberg; NaN when skipped
 * @param superiority    probability that a random new request is slower than a random old one (0.5: no shift)
 * @param medianRatio    new median over old median
 * @param p95Ratio       new p95 over old p95
 * @param degraded       significant and at least the minimum effect
 * @param improved       the reverse test (old side slower) is significant at the same level, uncorrected
 * @param skipped        why the test did not run, or null
 */
public record LatencyResult(String test, double u, double z, double pValue, double adjustedPValue, double superiority, double medianRatio,
                            double p95Ratio, boolean degraded, boolean improved, String skipped) {
}
