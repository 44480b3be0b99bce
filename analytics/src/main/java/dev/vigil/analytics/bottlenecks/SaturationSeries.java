package dev.vigil.analytics.bottlenecks;

import java.util.Map;

/**
 * One resource metric series on the bucket layout: a value per bucket (NaN where it had no sample)
 * and its level in the baseline and the window. Immutable after construction.
 */
final class SaturationSeries {
    /** Labels that name the service a series belongs to, in order of preference. */
    static final String[] SERVICE_LABELS = {"service", "service_name", "service.name", "job", "app"};
    private static final double MAX_SIGMAS = 1000;

    final String name;
    final String key;
    final String service;
    final ResourceKind kind;
    final boolean saturation;
    final double[] values;
    final double baselineMean;
    final double windowMean;
    final double peak;
    final double changeSigmas;

    SaturationSeries(String name, String key, Map<String, String> labels, ResourceKind kind, double[] values, int baselineBuckets) {
        this.name = name;
        this.key = key;
        this.service = service(labels);
        this.kind = kind;
        this.saturation = ResourceKind.isSaturation(name);
        this.values = values;
        double[] base = stats(values, 0, baselineBuckets);
        double[] win = stats(values, baselineBuckets, values.length);
        this.baselineMean = base[0];
        this.windowMean = win[0];
        this.peak = win[2];
        double level = Math.max(Math.abs(baselineMean), Math.abs(windowMean));
        double spread = Math.max(Double.isNaN(base[1]) ? 0 : base[1], Math.max(0.01 * level, 1e-12));
        double sigmas = (windowMean - baselineMean) / spread;
        this.changeSigmas = Double.isNaN(sigmas) ? Double.NaN : Math.max(-MAX_SIGMAS, Math.min(MAX_SIGMAS, sigmas));
    }

    static String service(Map<String, String> labels) {
        for (String label : SERVICE_LABELS) {
            String value = labels.get(label);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** {mean, sample standard deviation, max} of the finite values in [from, to); NaN when none. */
    private static double[] stats(double[] values, int from, int to) {
        int n = 0;
        double sum = 0;
        double max = Double.NaN;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(values[i])) {
                n++;
                sum += values[i];
                max = Double.isNaN(max) ? values[i] : Math.max(max, values[i]);
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(values[i])) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
        }
        return new double[] {mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)), max};
    }
}
