package dev.vigil.reports.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One ranked root-cause candidate.
 *
 * @param rank        1 = most likely
 * @param kind        e.g. "deploy", "config change", "dependency"
 * @param score       confidence 0..1
 * @param onset       when the cause started (nullable)
 * @param explanation one or two sentences
 * @param evidence    supporting facts, one per bullet
 */
public record RootCauseLine(int rank, String kind, String service, String subject, double score, Instant onset,
                            String explanation, List<String> evidence) {

    public RootCauseLine {
        kind = kind == null ? "" : kind;
        service = service == null ? "" : service;
        subject = subject == null ? "" : subject;
        explanation = explanation == null ? "" : explanation;
        evidence = evidence == null ? List.of() : evidence.stream().filter(Objects::nonNull).toList();
    }
}
