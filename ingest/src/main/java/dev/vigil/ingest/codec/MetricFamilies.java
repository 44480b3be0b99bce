package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.MetricSample;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code # TYPE} declarations of one exposition, and the checks they make possible: a
 * histogram bucket needs an {@code le} label and a summary quantile a {@code quantile} label,
 * each holding a number. Samples keep the names they were written with ({@code _bucket},
 * {@code _sum}, {@code _count}); only validation depends on the type.
 *
 * <p>Not thread-safe: one instance per parsed body.
 */
final class MetricFamilies {
    /** Prometheus 0.0.4 types plus the OpenMetrics ones, so OpenMetrics bodies are accepted. */
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped",
            "gaugehistogram", "stateset", "info", "unknown");

    private final Map<String, String> types = new HashMap<>();

    /**
     * Remembers that family {@code name} has {@code type}.
     *
     * @throws InvalidFieldException naming {@code type} when the type is not one of the known ones
     */
    void declare(String name, String type) {
        String normalized = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(normalized)) {
            throw new InvalidFieldException("type", "unknown metric type '" + SampleValues.shorten(type)
                    + "'; use counter, gauge, histogram, summary or untyped");
        }
        types.put(name, normalized);
    }

    /** The declared type of family {@code name}, or {@code null} when it was not declared. */
    String typeOf(String name) {
        return types.get(name);
    }

    /**
     * Checks a sample against its family's declared type.
     *
     * @throws InvalidFieldException naming {@code labels.le} or {@code labels.quantile}
     */
    void check(MetricSample sample) {
        if (types.isEmpty()) {
            return;
        }
        String name = sample.name();
        if (name.endsWith("_bucket")) {
            String type = types.get(name.substring(0, name.length() - "_bucket".length()));
            if ("histogram".equals(type) || "gaugehistogram".equals(type)) {
                requireNumericLabel(sample, "le", "histogram buckets");
            }
        } else if ("summary".equals(types.get(name))) {
            requireNumericLabel(sample, "quantile", "summary quantiles");
        }
    }

    private static void requireNumericLabel(MetricSample sample, String label, String what) {
        String value = sample.labels().get(label);
        if (value == null) {
            throw new InvalidFieldException("labels." + label, "is required on " + what);
        }
        SampleValues.parse("labels." + label, value);
    }
}
