package dev.vigil.rca.changes;

/**
 * The failure-rate test of a verdict.
 *
 * @param test           the test's name, see {@link FisherExactTest}
 * @param pValue         one-sided p-value (new side fails more); NaN when skipped
 * @param adjustedPValue after Benjamini–Hochberg over the verdict's tests; NaN when skipped
 * @param difference     new rate minus old rate (absolute)
 * @param ratio          new rate over old rate; infinite when the old side never failed, NaN when neither did
 * @param degraded       significant and at least the minimum effect
 * @param improved       the reverse test (old side fails more) is significant at the same level, uncorrected
 * @param skipped        why the test did not run (too few requests), or null
 */
public record ErrorRateResult(String test, double pValue, double adjustedPValue, double difference, double ratio, boolean degraded,
                              boolean improved, String skipped) {
}
