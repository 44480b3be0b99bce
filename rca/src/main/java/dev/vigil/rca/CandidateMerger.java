package dev.vigil.rca;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.bottlenecks.ResourceKind;

/**
 * Combines the signal-level ranking with the service verdicts: services in the order of their
 * verdicts (then the services without one, by their best candidate), each service's candidates
 * together, its finer cause first (see {@link #finerCauseFirst}). The first candidate of a service
 * with a verdict carries the verdict's score, and no candidate scores higher than the one above
 * it. Stateless.
 */
final class CandidateMerger {
    static final int PER_SERVICE = 3;
    static final double CHANGE_SUSPECT = ServiceRootRanker.CHANGE_SUSPECT;

    /**
     * A service's candidates, its finer cause first: a change the change ranking suspects (it
     * precedes the service's first anomaly) explains everything after it; when the service's
     * verdict rests on its own slowness or a resource, a resource metric that went anomalous
     * (earliest onset first) is the cause of that slowness; otherwise the verdict's candidate (a
     * log statement, the slowest operation) comes first. The rest follow by score.
     */
    static List<RootCauseCandidate> finerCauseFirst(List<RootCauseCandidate> candidates) {
        RootCauseCandidate verdict = candidates.get(0);
        boolean hasVerdict = !candidates.isEmpty() && candidates.get(0).evidence().stream()
                .anyMatch(e -> e.description().startsWith(ServiceRootRanker.COMPONENTS));
        List<RootCauseCandidate> first = new ArrayList<>();
        List<RootCauseCandidate> rest = new ArrayList<>();
        for (RootCauseCandidate c : candidates) {
            if (c.kind() == CandidateKind.CHANGE && c.score() >= CHANGE_SUSPECT) {
                first.add(c);
            } else {
                rest.add(c);
            }
        }
        first.sort(Comparator.comparingDouble(RootCauseCandidate::score).reversed());
        List<RootCauseCandidate> resources = new ArrayList<>();
        if (hasVerdict && (verdict.kind() == CandidateKind.ENDPOINT || verdict.kind() == CandidateKind.METRIC)) {
            for (RootCauseCandidate c : rest) {
                if (c != verdict && c.kind() == CandidateKind.METRIC && ResourceKind.of(metricName(c.subject())) != null) {
                    resources.add(c);
                }
            }
            resources.sort(Comparator.comparing((RootCauseCandidate c) -> c.onset() == null ? java.time.Instant.MAX : c.onset())
                    .thenComparing(Comparator.comparingDouble(RootCauseCandidate::score).reversed()));
            rest.removeAll(resources);
        }
        first.addAll(resources);
        if (hasVerdict) {
            rest.remove(verdict);
            first.add(verdict);
        }
        rest.sort(Comparator.comparingDouble(RootCauseCandidate::score).reversed());
        first.addAll(rest);
        return first;
    }

    private static String metricName(String subject) {
        int brace = subject.indexOf('{');
        int space = subject.indexOf(' ');
        int end = brace >= 0 ? brace : space >= 0 ? space : subject.length();
        return subject.substring(0, end);
    }

    private CandidateMerger() {
    }

    static List<RootCauseCandidate> merge(List<RootCauseCandidate> signalRanked, List<ServiceRootRanker.Verdict> verdicts, int limit) {
        Map<String, List<RootCauseCandidate>> byService = new LinkedHashMap<>();
        Map<String, Double> cap = new LinkedHashMap<>();
        for (ServiceRootRanker.Verdict verdict : verdicts) {
            byService.computeIfAbsent(verdict.service(), s -> new ArrayList<>()).add(verdict.candidate());
            cap.put(verdict.service(), verdict.score());
        }
        double floor = verdicts.isEmpty() ? 1 : verdicts.get(verdicts.size() - 1).score();
        for (RootCauseCandidate candidate : signalRanked) {
            byService.computeIfAbsent(candidate.service(), s -> new ArrayList<>()).add(candidate);
        }
        List<RootCauseCandidate> out = new ArrayList<>();
        for (Map.Entry<String, List<RootCauseCandidate>> entry : byService.entrySet()) {
            // Services without a verdict rank after every service with one.
            double ceiling = cap.getOrDefault(entry.getKey(), floor * 0.99);
            List<RootCauseCandidate> own = finerCauseFirst(entry.getValue());
            double previous = ceiling;
            for (int i = 0; i < own.size() && i < PER_SERVICE; i++) {
                RootCauseCandidate candidate = own.get(i);
                // The first names the service's verdict and carries its score; none after it scores higher.
                double score = i == 0 && cap.containsKey(entry.getKey()) ? ceiling : Math.min(candidate.score(), previous);
                if (score != candidate.score()) {
                    candidate = candidate.withScore(score, null);
                }
                previous = candidate.score();
                out.add(candidate);
            }
            if (!cap.containsKey(entry.getKey())) {
                floor = Math.min(floor, ceiling);
            }
        }
        List<RootCauseCandidate> ranked = new ArrayList<>();
        for (int i = 0; i < out.size() && i < limit; i++) {
            ranked.add(out.get(i).withRank(i + 1));
        }
        return ranked;
    }
}
