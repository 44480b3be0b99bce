package dev.vigil.rca;

/**
 * One fact behind a candidate.
 *
 * @param description what was observed
 * @param value       the observed value in the incident, or null
 * @param baseline    the normal value, or null
 */
public record Evidence(String description, Double value, Double baseline) {

    public static Evidence fact(String description) {
        return new Evidence(description, null, null);
    }

    public static Evidence of(String description, double value, double baseline) {
        return new Evidence(description, finite(value), finite(baseline));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
