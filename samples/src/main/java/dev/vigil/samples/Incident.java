package dev.vigil.samples;

import java.util.List;

/**
 * Ground truth for one incident in the sample data: what an RCA run over {@code [from, to)}
 * should name first.
 *
 * @param id                     file name stem under {@code incidents/}
 * @param from                   window start, epoch nanoseconds
 * @param to                     window end, epoch nanoseconds
 * @param rootCauseKind          {@code change} or {@code metric}
 * @param rootCauseService       the service at fault
 * @param rootCauseSubjectContains text the top-ranked cause's subject must contain
 * @param symptoms               what an on-call engineer would see, in order of appearance
 */
public record Incident(String id, String title, String description, long from, long to, String rootCauseKind,
                       String rootCauseService, String rootCauseSubjectContains, List<String> symptoms) {
    public Incident {
        symptoms = List.copyOf(symptoms);
    }
}
