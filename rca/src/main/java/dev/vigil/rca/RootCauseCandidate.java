package dev.vigil.rca;

import java.time.Instant;
import java.util.List;

/**
 * One ranked hypothesis.
 *
 * @param rank        1 for the most likely
 * @param kind        what it is
 * @param service     the service it concerns
 * @param subject     what exactly (a change's version, a metric series, an endpoint, a message shape)
 * @param score       0..1, higher is more likely the root cause
 * @param onset       when it started, or null
 * @param evidence    the facts behind it
 * @param explanation one or two sentences for a person
 */
public record RootCauseCandidate(int rank, CandidateKind kind, String service, String subject, double score,
                                 Instant onset, List<Evidence> evidence, String explanation) {

    RootCauseCandidate withRank(int newRank) {
        return new RootCauseCandidate(newRank, kind, service, subject, score, onset, evidence, explanation);
    }

    RootCauseCandidate withScore(double newScore, String note) {
        return new RootCauseCandidate(rank, kind, service, subject, Math.round(newScore * 1000) / 1000.0, onset, evidence,
                note == null ? explanation : explanation + " " + note);
    }
}
