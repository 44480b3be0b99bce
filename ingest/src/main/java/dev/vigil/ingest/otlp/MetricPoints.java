package dev.vigil.ingest.otlp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.MetricSample;

/**
 * One OTLP metric into Prometheus-style samples: gauges and sums by the metric name (dots and
 * other invalid characters become underscores; monotonic sums get {@code _total}), histograms as
 * {@code _count}, {@code _sum} and cumulative {@code _bucket{le}}, summaries as {@code {quantile}}
 * samples plus {@code _count} and {@code _sum}. Labels: {@code service} from the resource's
 * {@code service.name}, then the point's attributes. Items are data points: a point that cannot
 * be stored is rejected whole.
 */
final class MetricPoints {
    private static final int FLAG_NO_RECORDED_VALUE = 1;

    private MetricPoints() {
    }

    static void add(Metric metric, String service, String path, List<MetricSample> out, Rejections items) {
        String name = sanitize(metric.getName(), true);
        switch (metric.getDataCase()) {
            case GAUGE -> {
                for (int i = 0; i < metric.getGauge().getDataPointsCount(); i++) {
                    NumberDataPoint p = metric.getGauge().getDataPoints(i);
                    point(path + ".gauge.dataPoints[" + i + "]", name, items, out, () -> number(name, service, p));
                }
            }
            case SUM -> {
                String sumName = metric.getSum().getIsMonotonic() && !name.endsWith("_total") ? name + "_total" : name;
                for (int i = 0; i < metric.getSum().getDataPointsCount(); i++) {
                    NumberDataPoint p = metric.getSum().getDataPoints(i);
                    point(path + ".sum.dataPoints[" + i + "]", name, items, out, () -> number(sumName, service, p));
                }
            }
            case HISTOGRAM -> {
                for (int i = 0; i < metric.getHistogram().getDataPointsCount(); i++) {
                    HistogramDataPoint p = metric.getHistogram().getDataPoints(i);
                    point(path + ".histogram.dataPoints[" + i + "]", name, items, out, () -> histogram(name, service, p));
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                for (int i = 0; i < metric.getExponentialHistogram().getDataPointsCount(); i++) {
                    ExponentialHistogramDataPoint p = metric.getExponentialHistogram().getDataPoints(i);
                    point(path + ".exponentialHistogram.dataPoints[" + i + "]", name, items, out, () -> {
                        long time = time(p.getTimeUnixNano());
                        Map<String, String> labels = labels(service, p.getAttributesList());
                        return List.of(new MetricSample(name + "_count", labels, time, unsigned(p.getCount())),
                                new MetricSample(name + "_sum", labels, time, p.getSum()));
                    });
                }
            }
            case SUMMARY -> {
                for (int i = 0; i < metric.getSummary().getDataPointsCount(); i++) {
                    SummaryDataPoint p = metric.getSummary().getDataPoints(i);
                    point(path + ".summary.dataPoints[" + i + "]", name, items, out, () -> summary(name, service, p));
                }
            }
            default -> {
                // a metric without data: nothing to store and nothing to reject
            }
        }
    }

    private interface PointMapper {
        List<MetricSample> map();
    }

    private static void point(String path, String name, Rejections items, List<MetricSample> out, PointMapper mapper) {
        items.item();
        if (name.isEmpty()) {
            items.reject(path, "the metric name is required");
            return;
        }
        try {
            out.addAll(mapper.map());
        } catch (ItemRejectedException | InvalidFieldException e) {
            items.reject(path, e.getMessage());
        }
    }

    private static List<MetricSample> number(String name, String service, NumberDataPoint p) {
        double value = switch (p.getValueCase()) {
            case AS_DOUBLE -> p.getAsDouble();
            case AS_INT -> p.getAsInt();
            default -> {
                if ((p.getFlags() & FLAG_NO_RECORDED_VALUE) != 0) {
                    yield Double.NaN;
                }
                throw new ItemRejectedException("the data point has neither asDouble nor asInt");
            }
        };
        return List.of(new MetricSample(name, labels(service, p.getAttributesList()), time(p.getTimeUnixNano()), value));
    }

    private static List<MetricSample> histogram(String name, String service, HistogramDataPoint p) {
        long time = time(p.getTimeUnixNano());
        Map<String, String> labels = labels(service, p.getAttributesList());
        int buckets = p.getBucketCountsCount();
        if (buckets != 0 && buckets != p.getExplicitBoundsCount() + 1) {
            throw new ItemRejectedException("bucketCounts has " + buckets + " entries but explicitBounds has "
                    + p.getExplicitBoundsCount() + " (must be one more)");
        }
        List<MetricSample> out = new java.util.ArrayList<>(buckets + 2);
        out.add(new MetricSample(name + "_count", labels, time, unsigned(p.getCount())));
        if (p.hasSum()) {
            out.add(new MetricSample(name + "_sum", labels, time, p.getSum()));
        }
        long cumulative = 0;
        for (int b = 0; b < buckets; b++) {
            cumulative += p.getBucketCounts(b);
            String le = b < p.getExplicitBoundsCount() ? formatBound(p.getExplicitBounds(b)) : "+Inf";
            Map<String, String> bucket = new TreeMap<>(labels);
            bucket.put("le", le);
            out.add(new MetricSample(name + "_bucket", bucket, time, unsigned(cumulative)));
        }
        return out;
    }

    private static List<MetricSample> summary(String name, String service, SummaryDataPoint p) {
        long time = time(p.getTimeUnixNano());
        Map<String, String> labels = labels(service, p.getAttributesList());
        List<MetricSample> out = new java.util.ArrayList<>(p.getQuantileValuesCount() + 2);
        for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
            Map<String, String> quantile = new TreeMap<>(labels);
            quantile.put("quantile", formatBound(q.getQuantile()));
            out.add(new MetricSample(name, quantile, time, q.getValue()));
        }
        out.add(new MetricSample(name + "_count", labels, time, unsigned(p.getCount())));
        out.add(new MetricSample(name + "_sum", labels, time, p.getSum()));
        return out;
    }

    private static long time(long raw) {
        if (raw == 0) {
            throw new ItemRejectedException("timeUnixNano is required");
        }
        return OtlpDecoder.timestamp(raw, "timeUnixNano");
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : Double.parseDouble(Long.toUnsignedString(value));
    }

    private static Map<String, String> labels(String service, List<KeyValue> attributes) {
        Map<String, String> labels = new TreeMap<>();
        if (service != null && !service.isEmpty()) {
            labels.put("service", service);
        }
        for (KeyValue kv : attributes) {
            String key = sanitize(kv.getKey(), false);
            if (!key.isEmpty()) {
                labels.put(key, OtlpDecoder.text(kv.getValue()));
            }
        }
        return labels;
    }

    /** Prometheus name rules: {@code [a-zA-Z_:][a-zA-Z0-9_:]*} for metrics, no colon for labels. */
    static String sanitize(String name, boolean metric) {
        if (name.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9')
                    || (metric && c == ':');
            out.append(ok ? c : '_');
        }
        if (Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    static String formatBound(double bound) {
        if (Double.isInfinite(bound)) {
            return bound > 0 ? "+Inf" : "-Inf";
        }
        if (bound == Math.rint(bound) && Math.abs(bound) < 1e15) {
            return Long.toString((long) bound);
        }
        return Double.toString(bound);
    }
}
