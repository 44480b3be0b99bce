package dev.vigil.rca.incidents;

/**
 * The best-ranked root-cause candidate of an incident's latest analysis, kept apart from the full
 * result so that lists can show it without reading the analysis.
 *
 * @param kind    the candidate kind's label (change, metric, log_pattern, endpoint, ...)
 * @param service the service it concerns
 * @param subject what exactly
 * @param score   0..1
 */
public record TopCause(String kind, String service, String subject, double score) {
}
