package dev.vigil.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;

/**
 * Turns anomalous signals and changes into ranked candidates. The reasoning an on-call engineer
 * applies, made explicit:
 * <ul>
 *   <li>Causes precede symptoms: among anomalies, the earlier the onset, the likelier the cause;
 *       the size of the deviation counts less.</li>
 *   <li>A change shortly before the first anomaly of its own service is the prime suspect, unless
 *       the incident was already under way elsewhere before the change.</li>
 *   <li>A change on a service that shows no anomaly, or one made after its service went
 *       anomalous (a rollback, a mitigation), is not the root cause; nor, likely, is a change on a
 *       service that went anomalous only after other services did.</li>
 *   <li>Anomalies on a service that follow a suspect change are its consequences, and rank below it.</li>
 * </ul>
 */
final class RootCauseRanker {
    /** Onsets are measured in steps; a change up to this much after an onset may still precede it. */
    static final Duration ONSET_TOLERANCE = Duration.ofMinutes(2);
    /** How far back a change can plausibly cause a first anomaly. */
    static final Duration CHANGE_HORIZON = Duration.ofMinutes(30);
    static final Duration PROXIMITY_SCALE = Duration.ofMinutes(10);
    static final int MAX_CANDIDATES = 25;

    List<RootCauseCandidate> rank(AnalysisFrame frame, List<AnomalousSignal> signals, Map<AnomalousSignal, List<Evidence>> extraEvidence,
                                  List<ChangeEvent> changes) {
        Instant globalOnset = null;
        Map<String, AnomalousSignal> firstByService = new HashMap<>();
        for (AnomalousSignal signal : signals) {
            if (globalOnset == null || signal.onset().isBefore(globalOnset)) {
                globalOnset = signal.onset();
            }
            AnomalousSignal first = firstByService.get(signal.service());
            if (first == null || signal.onset().isBefore(first.onset())) {
                firstByService.put(signal.service(), signal);
            }
        }
        List<RootCauseCandidate> candidates = new ArrayList<>();
        Instant windowEnd = frame.window().to();
        for (AnomalousSignal signal : signals) {
            candidates.add(fromSignal(signal, globalOnset, windowEnd, extraEvidence.getOrDefault(signal, List.of())));
        }
        RootCauseCandidate bestChange = null;
        ChangeEvent bestChangeEvent = null;
        for (ChangeEvent change : changes) {
            RootCauseCandidate candidate = fromChange(change, firstByService.get(change.service()), globalOnset, signals);
            candidates.add(candidate);
            if (bestChange == null || candidate.score() > bestChange.score()) {
                bestChange = candidate;
                bestChangeEvent = change;
            }
        }
        if (bestChange != null && bestChange.score() >= 0.7) {
            Instant changeTime = Timestamps.toInstant(bestChangeEvent.timestampNanos());
            for (int i = 0; i < candidates.size(); i++) {
                RootCauseCandidate c = candidates.get(i);
                if (c.kind() != CandidateKind.CHANGE && c.onset() != null && !c.onset().isBefore(changeTime)) {
                    candidates.set(i, c.withScore(c.score() * 0.85, "It began after " + bestChange.subject()
                            + ", and is more likely its consequence."));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(RootCauseCandidate::score).reversed()
                .thenComparing(c -> c.onset() == null ? Instant.MAX : c.onset()));
        List<RootCauseCandidate> ranked = new ArrayList<>();
        for (int i = 0; i < candidates.size() && i < MAX_CANDIDATES; i++) {
            ranked.add(candidates.get(i).withRank(i + 1));
        }
        return ranked;
    }

    private static RootCauseCandidate fromSignal(AnomalousSignal signal, Instant globalOnset, Instant windowEnd, List<Evidence> extra) {
        double span = Math.max(60_000, Duration.between(globalOnset, windowEnd).toMillis());
        double lag = Duration.between(globalOnset, signal.onset()).toMillis();
        double earliness = Math.max(0, Math.min(1, 1 - lag / span));
        double severity = SignalDetection.severity(signal.peakScore());
        double score = 0.1 + 0.8 * (0.65 * earliness + 0.35 * severity);
        String direction = signal.peakScore() >= 0 ? "rose" : "fell";
        List<Evidence> evidence = new ArrayList<>();
        String what = switch (signal.kind()) {
            case METRIC -> "Metric " + signal.subject();
            case ENDPOINT -> "Endpoint " + signal.subject();
            case LOG_PATTERN -> "Log message \"" + signal.subject() + "\"";
            default -> signal.subject();
        };
        if (signal.kind() == CandidateKind.LOG_PATTERN) {
            evidence.add(Evidence.of("peak occurrences per minute vs baseline rate per minute", signal.peakValue(), signal.baseline()));
        } else {
            evidence.add(Evidence.of(String.format(Locale.ROOT, "%s %s from its baseline, peaking at %.1f robust σ",
                    what, direction, Math.abs(signal.peakScore())), signal.peakValue(), signal.baseline()));
        }
        evidence.add(Evidence.fact("anomalous from " + signal.onset() + " to " + signal.end()));
        evidence.addAll(extra);
        String explanation = String.format(Locale.ROOT, "%s on %s %s at %s%s.", what, signal.service(),
                signal.kind() == CandidateKind.LOG_PATTERN ? "surged" : direction + " abnormally",
                signal.onset(), lag <= 0 ? ", the earliest anomaly of the incident" : ", " + human(Duration.ofMillis((long) lag)) + " after the first anomaly");
        return new RootCauseCandidate(0, signal.kind(), signal.service(), signal.subject(), round(score), signal.onset(),
                List.copyOf(evidence), explanation);
    }

    private static RootCauseCandidate fromChange(ChangeEvent change, AnomalousSignal firstOfService, Instant globalOnset,
                                                 List<AnomalousSignal> signals) {
        Instant at = Timestamps.toInstant(change.timestampNanos());
        String subject = describe(change);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.fact(change.type().label() + " of " + change.service()
                + (change.version() == null ? "" : " " + change.version()) + " at " + at
                + (change.status() == null ? "" : " (" + change.status().label() + ")")));
        if (change.description() != null) {
            evidence.add(Evidence.fact(change.description()));
        }
        double score;
        String explanation;
        if (firstOfService == null) {
            score = 0.15;
            explanation = "No anomaly was found on " + change.service() + " around this change, so it is unlikely to be the cause.";
        } else {
            Duration lead = Duration.between(at, firstOfService.onset());
            long after = 0;
            for (AnomalousSignal signal : signals) {
                if (signal.service().equals(change.service()) && !signal.onset().isBefore(at.minus(ONSET_TOLERANCE))) {
                    after++;
                }
            }
            evidence.add(Evidence.fact(after + " anomalous signal(s) on " + change.service() + " began after it; the first, "
                    + firstOfService.subject() + ", at " + firstOfService.onset()));
            if (lead.compareTo(ONSET_TOLERANCE.negated()) < 0) {
                score = 0.2;
                explanation = change.service() + " was already anomalous " + human(lead.negated()) + " before this "
                        + change.type().label() + (change.type() == ChangeType.ROLLBACK ? "; it looks like mitigation, not the cause." : ", so it did not start the incident.");
            } else if (lead.compareTo(CHANGE_HORIZON) > 0) {
                score = 0.3;
                explanation = "This " + change.type().label() + " came " + human(lead) + " before the first anomaly on "
                        + change.service() + ": too long before to be a likely trigger.";
            } else {
                // Closeness decays fast: a change minutes before the first anomaly is far likelier
                // than one twenty minutes before it.
                double proximity = Math.exp(-Math.max(0, lead.toMillis()) / (double) PROXIMITY_SCALE.toMillis());
                score = 0.6 + 0.35 * proximity;
                explanation = "The " + change.type().label() + " of " + change.service()
                        + (change.version() == null ? "" : " " + change.version()) + " at " + at + " came "
                        + (lead.isNegative() ? "just as" : human(lead) + " before") + " the first anomaly on " + change.service()
                        + " (" + firstOfService.subject() + "), which " + after + " anomalous signal(s) followed.";
                if (globalOnset != null && globalOnset.isBefore(at.minus(ONSET_TOLERANCE))) {
                    score *= 0.5;
                    explanation += " But the incident was already under way at " + globalOnset + ", before this change.";
                } else if (globalOnset != null && firstOfService.onset().isAfter(globalOnset.plus(ONSET_TOLERANCE))) {
                    // Its service was not the first to go wrong: others were anomalous before it.
                    score *= 0.6;
                    explanation += " But other services went anomalous first (from " + globalOnset + "), so "
                            + change.service() + " looks affected rather than the origin.";
                }
                if (change.type() == ChangeType.ROLLBACK) {
                    score *= 0.8;
                }
            }
        }
        return new RootCauseCandidate(0, CandidateKind.CHANGE, change.service(), subject, round(score), at,
                List.copyOf(evidence), explanation);
    }

    static String describe(ChangeEvent change) {
        StringBuilder out = new StringBuilder(change.type().label()).append(' ').append(change.service());
        if (change.version() != null) {
            out.append(' ').append(change.version());
        }
        List<String> details = new ArrayList<>();
        if (change.strategy() != null) {
            details.add(change.strategy());
        }
        if (change.environment() != null) {
            details.add(change.environment());
        }
        if (!details.isEmpty()) {
            out.append(" (").append(String.join(", ", details)).append(')');
        }
        if (change.version() == null && change.description() != null) {
            out.append(": ").append(change.description());
        }
        return out.toString();
    }

    static String human(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 5400) {
            return Math.round(seconds / 60.0) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    private static double round(double score) {
        return Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000.0;
    }
}
