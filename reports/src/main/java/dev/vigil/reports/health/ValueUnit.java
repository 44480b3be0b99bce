package dev.vigil.reports.health;

import java.util.Locale;

/** The unit of an anomaly's value and baseline, so reports print them as people read them. */
public enum ValueUnit {
    MILLISECONDS, SECONDS, RATIO, PER_SECOND, PER_MINUTE, BYTES, NUMBER;

    /** The unit of a Prometheus-style metric name by its suffix convention. */
    public static ValueUnit ofMetricName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int brace = n.indexOf('{');
        if (brace >= 0) {
            n = n.substring(0, brace);
        }
        if (n.endsWith("_seconds") || n.endsWith("_seconds_max") || n.endsWith("_seconds_sum")) {
            return SECONDS;
        }
        if (n.endsWith("_milliseconds") || n.endsWith("_ms")) {
            return MILLISECONDS;
        }
        if (n.endsWith("_bytes") || n.endsWith("_bytes_max")) {
            return BYTES;
        }
        if (n.endsWith("_ratio") || n.endsWith("_usage")) {
            return RATIO;
        }
        if (n.endsWith("_total") || n.endsWith("_per_second") || n.endsWith("_count")) {
            return PER_SECOND;
        }
        return NUMBER;
    }

    String format(double value) {
        return switch (this) {
            case MILLISECONDS -> HealthFormat.duration(value);
            case SECONDS -> HealthFormat.duration(value * 1000);
            case RATIO -> HealthFormat.fractionPercent(value);
            case PER_SECOND -> HealthFormat.rate(value);
            case PER_MINUTE -> HealthFormat.number(value) + "/min";
            case BYTES -> HealthFormat.bytes(value);
            case NUMBER -> HealthFormat.number(value);
        };
    }
}
