package dev.vigil.analytics.query;

import java.util.Locale;

/**
 * One aggregate of a {@code stats} or {@code timechart} stage, e.g. {@code p95(duration_ms) as slow}.
 *
 * @param function what to compute
 * @param field    the field it reads, or null for {@code count()}
 * @param name     the output column: the alias, else {@code count} for {@code count()}, else
 *                 {@code function(field)}
 * @param position where it starts in the query text
 */
public record Aggregation(Function function, String field, String name, int position) {

    /** The aggregate functions. Percentiles are nearest-rank (exact up to a bound, see {@code docs/query.md}). */
    public enum Function {
        COUNT, SUM, AVG, MIN, MAX, P50, P90, P95, P99, DISTINCT_COUNT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The quantile of a percentile function, else NaN. */
        double quantile() {
            return switch (this) {
                case P50 -> 0.50;
                case P90 -> 0.90;
                case P95 -> 0.95;
                case P99 -> 0.99;
                default -> Double.NaN;
            };
        }

        static Function byLabel(String label) {
            for (Function f : values()) {
                if (f.label().equalsIgnoreCase(label)) {
                    return f;
                }
            }
            return switch (label.toLowerCase(Locale.ROOT)) {
                case "dc", "distinct", "count_distinct" -> DISTINCT_COUNT;
                case "median" -> P50;
                case "mean" -> AVG;
                default -> null;
            };
        }

        static String labels() {
            StringBuilder out = new StringBuilder();
            for (Function f : values()) {
                out.append(out.isEmpty() ? "" : ", ").append(f.label());
            }
            return out.toString();
        }
    }

    static String defaultName(Function function, String field) {
        return field == null ? function.label() : function.label() + "(" + field + ")";
    }
}
