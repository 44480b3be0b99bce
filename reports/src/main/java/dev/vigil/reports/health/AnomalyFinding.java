package dev.vigil.reports.health;

import java.time.Instant;

/**
 * A metric that departed from its baseline.
 *
 * @param subject  what was measured, e.g. "p95 latency" or "error rate"
 * @param onset    when the anomaly started (nullable)
 * @param score    detector score (higher is more anomalous)
 * @param value    observed value
 * @param baseline expected value
 * @param unit     unit of value and baseline
 */
public record AnomalyFinding(String service, String subject, Instant onset, double score, double value,
                             double baseline, ValueUnit unit) {

    public AnomalyFinding {
        service = service == null ? "" : service;
        subject = subject == null ? "" : subject;
        unit = unit == null ? ValueUnit.NUMBER : unit;
    }

    /** A finding whose unit is guessed from the subject's wording. */
    public AnomalyFinding(String service, String subject, Instant onset, double score, double value, double baseline) {
        this(service, subject, onset, score, value, baseline, guess(subject));
    }

    private static ValueUnit guess(String subject) {
        String s = subject == null ? "" : subject.toLowerCase(java.util.Locale.ROOT);
        if (s.contains("error rate")) {
            return ValueUnit.RATIO;
        }
        if (s.contains("latency") || s.contains("duration")) {
            return ValueUnit.MILLISECONDS;
        }
        return s.contains("rate") ? ValueUnit.PER_SECOND : ValueUnit.NUMBER;
    }

    /** The value as people read it, e.g. "1.24 s", "12.5%", "1.5 GiB". */
    public String formattedValue() {
        return unit.format(value);
    }

    public String formattedBaseline() {
        return unit.format(baseline);
    }
}
