package dev.vigil.analytics.bottlenecks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.vigil.analytics.metrics.Aggregation;
import dev.vigil.analytics.metrics.MetricQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.metrics.StepSeries;

/**
 * Finds the resource metrics of the analysed services (names that {@link ResourceKind} recognises)
 * and links each resource to an endpoint by how its series move with the endpoint's per-bucket p95.
 * Counters ({@code _total}, {@code _count}, {@code _sum}) are read as per-second rates, gauges as
 * the bucket's mean. A series belongs to the service its {@code service} (or {@code service_name},
 * {@code job}, {@code app}) label names; a series without one is linked to every endpoint.
 * Thread-safe if the engine is; each call allocates its own state.
 */
final class SaturationLinker {
    /** Fewer paired buckets than this give no correlation worth reporting. */
    static final int MIN_BUCKETS = 5;
    static final int MAX_LINKS = 5;

    private final MetricQueryEngine metrics;

    SaturationLinker(MetricQueryEngine metrics) {
        this.metrics = metrics;
    }

    /** Every resource series of the given services (and those without a service), on the layout. */
    List<SaturationSeries> load(BucketLayout layout, Set<String> services) {
        List<SaturationSeries> out = new ArrayList<>();
        for (String name : metrics.metricNames()) {
            ResourceKind kind = ResourceKind.of(name);
            if (kind == null || name.endsWith("_bucket")) {
                continue;
            }
            Aggregation aggregation = isCounter(name) ? Aggregation.RATE : Aggregation.AVG;
            SeriesSelector selector = new SeriesSelector(name, List.of());
            Duration step = Duration.ofMillis(layout.widthMillis());
            List<StepSeries> baseline;
            List<StepSeries> window;
            try {
                baseline = metrics.query(new MetricQuery(selector, layout.baselineSteps(), step, aggregation, List.of()));
                window = metrics.query(new MetricQuery(selector, layout.windowSteps(), step, aggregation, List.of()));
            } catch (IllegalArgumentException tooMany) {
                // A name with more series than a query may read is not one service's resource; skip it.
                continue;
            }
            Map<String, StepSeries[]> byKey = new LinkedHashMap<>();
            for (StepSeries series : baseline) {
                byKey.computeIfAbsent(key(series), k -> new StepSeries[2])[0] = series;
            }
            for (StepSeries series : window) {
                byKey.computeIfAbsent(key(series), k -> new StepSeries[2])[1] = series;
            }
            for (Map.Entry<String, StepSeries[]> entry : byKey.entrySet()) {
                StepSeries[] pair = entry.getValue();
                StepSeries any = pair[0] != null ? pair[0] : pair[1];
                String service = SaturationSeries.service(any.labels());
                if (service != null && !services.contains(service)) {
                    continue;
                }
                double[] values = new double[layout.size()];
                java.util.Arrays.fill(values, Double.NaN);
                if (pair[0] != null) {
                    copy(pair[0].values(), values, 0, layout.baselineBuckets());
                }
                if (pair[1] != null) {
                    copy(pair[1].values(), values, layout.baselineBuckets(), layout.windowBuckets());
                }
                out.add(new SaturationSeries(name, entry.getKey(), any.labels(), kind, values, layout.baselineBuckets()));
            }
        }
        return out;
    }

    /** The resources of an endpoint's service, strongest first, at most {@link #MAX_LINKS}. */
    List<SaturationLink> link(EndpointKey endpoint, double[] p95, List<SaturationSeries> all) {
        Map<String, List<SaturationSignal>> byResource = new LinkedHashMap<>();
        Map<String, SaturationSeries> firstOf = new LinkedHashMap<>();
        for (SaturationSeries series : all) {
            if (series.service != null && !series.service.equals(endpoint.service())) {
                continue;
            }
            double[] r = pearson(series.values, p95);
            double sigmas = series.changeSigmas;
            double score = Double.isNaN(r[0]) || Double.isNaN(sigmas) ? 0
                    : Math.max(0, r[0]) * Math.log10(1 + Math.max(0, sigmas));
            SaturationSignal signal = new SaturationSignal(series.name, series.key, series.saturation ? "saturation" : "utilization",
                    r[0], (int) r[1], series.baselineMean, series.windowMean, series.peak, sigmas, score);
            String group = series.service + "\u0000" + series.kind;
            byResource.computeIfAbsent(group, g -> new ArrayList<>()).add(signal);
            firstOf.putIfAbsent(group, series);
        }
        List<SaturationLink> links = new ArrayList<>();
        for (Map.Entry<String, List<SaturationSignal>> entry : byResource.entrySet()) {
            List<SaturationSignal> signals = entry.getValue();
            signals.sort(Comparator.comparingDouble(SaturationSignal::score).reversed()
                    .thenComparing(SaturationSignal::series));
            SaturationSeries first = firstOf.get(entry.getKey());
            links.add(new SaturationLink(first.kind, first.service, leadMetric(signals), signals.get(0).score(), List.copyOf(signals)));
        }
        links.sort(Comparator.comparingDouble(SaturationLink::score).reversed()
                .thenComparing(link -> link.resource().ordinal())
                .thenComparing(link -> Objects.toString(link.service(), "")));
        return List.copyOf(links.subList(0, Math.min(MAX_LINKS, links.size())));
    }

    /**
     * Names the resource by what it holds rather than by its symptoms: the strongest utilization
     * signal that moves with the latency (memory used rather than GC pauses, active connections
     * rather than threads waiting), else the strongest signal.
     */
    private static String leadMetric(List<SaturationSignal> signals) {
        for (SaturationSignal signal : signals) {
            if (signal.role().equals("utilization") && signal.score() > 0) {
                return signal.metric();
            }
        }
        return signals.get(0).metric();
    }

    static boolean isCounter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("_total") || lower.endsWith("_count") || lower.endsWith("_sum");
    }

    /** {@code name{a="x",b="y"}}, labels sorted, as Prometheus writes a series. */
    static String key(StepSeries series) {
        StringBuilder key = new StringBuilder(series.name() == null ? "" : series.name()).append('{');
        String separator = "";
        for (Map.Entry<String, String> label : new java.util.TreeMap<>(series.labels()).entrySet()) {
            key.append(separator).append(label.getKey()).append("=\"").append(label.getValue()).append('"');
            separator = ",";
        }
        return key.append('}').toString();
    }

    private static void copy(double[] from, double[] to, int offset, int length) {
        System.arraycopy(from, 0, to, offset, Math.min(length, from.length));
    }

    /** {r, n}: Pearson correlation over the indexes where both are finite; r is NaN below MIN_BUCKETS or without spread. */
    static double[] pearson(double[] x, double[] y) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length && i < y.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (n < MIN_BUCKETS) {
            return new double[] {Double.NaN, n};
        }
        double mx = sx / n;
        double my = sy / n;
        double cov = 0;
        double vx = 0;
        double vy = 0;
        for (int i = 0; i < x.length && i < y.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                cov += (x[i] - mx) * (y[i] - my);
                vx += (x[i] - mx) * (x[i] - mx);
                vy += (y[i] - my) * (y[i] - my);
            }
        }
        double r = vx == 0 || vy == 0 ? Double.NaN : cov / Math.sqrt(vx * vy);
        return new double[] {r, n};
    }
}
