package dev.vigil.rca;

import java.time.Instant;

/**
 * A signal that went anomalous during the incident: the raw material of candidates and of the
 * anomalies section of reports.
 *
 * @param kind      metric, endpoint or log pattern
 * @param service   the service
 * @param subject   the series, endpoint signal or message shape
 * @param onset     start of the anomalous run that covers the incident window
 * @param end       end of that run
 * @param peakScore the most extreme robust z-score in the run (signed)
 * @param peakValue the value at the peak
 * @param baseline  the baseline median
 */
public record AnomalousSignal(CandidateKind kind, String service, String subject, Instant onset, Instant end,
                              double peakScore, double peakValue, double baseline) {
}
