package dev.vigil.analytics.bottlenecks;

/**
 * The evidence that one metric series moves with an endpoint's latency.
 *
 * @param metric       metric name
 * @param series       the series, {@code name{labels}}
 * @param role         {@code utilization} or {@code saturation} (see {@link ResourceKind})
 * @param correlation  Pearson correlation of the series' per-bucket value with the endpoint's per-bucket p95,
 *                     over the baseline and window buckets where both have data; NaN with fewer than
 *                     {@link SaturationLinker#MIN_BUCKETS}
 * @param buckets      how many buckets the correlation used
 * @param baselineMean mean of the per-bucket values over the baseline
 * @param windowMean   mean over the window
 * @param peak         largest per-bucket value in the window
 * @param changeSigmas (windowMean - baselineMean) in baseline standard deviations (at least 1% of the
 *                     level, so a flat baseline does not divide by zero), clamped to ±1000
 * @param score        max(0, correlation) × log10(1 + max(0, changeSigmas)): both moving with the latency
 *                     and having risen against the baseline
 */
public record SaturationSignal(String metric, String series, String role, double correlation, int buckets, double baselineMean,
                               double windowMean, double peak, double changeSigmas, double score) {

    /** windowMean - baselineMean. */
    public double change() {
        return windowMean - baselineMean;
    }

    /** windowMean / baselineMean, NaN when the baseline is zero or missing. */
    public double changeRatio() {
        return baselineMean == 0 || !Double.isFinite(baselineMean) ? Double.NaN : windowMean / baselineMean;
    }
}
