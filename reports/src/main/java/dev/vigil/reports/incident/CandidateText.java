package dev.vigil.reports.incident;

import dev.vigil.rca.RootCauseCandidate;

/** How a root-cause candidate is named in both writers, so they agree word for word. */
final class CandidateText {
    private CandidateText() {
    }

    /**
     * What the candidate is, naming its service once: "deploy payments v2.14.0 (rolling, production)"
     * (the subject names the service already) or "payments POST /api/payments/charge error rate".
     */
    static String label(RootCauseCandidate c) {
        String subject = c.subject() == null ? "" : c.subject();
        String service = c.service() == null ? "" : c.service();
        if (service.isEmpty() || java.util.regex.Pattern.compile("(?<![\\w-])" + java.util.regex.Pattern.quote(service) + "(?![\\w-])")
                .matcher(subject).find()) {
            return subject;
        }
        return service + " " + subject;
    }

    /** "a change", "a metric", "a log pattern", "an endpoint". */
    static String kind(RootCauseCandidate c) {
        String kind = c.kind().label().replace('_', ' ');
        return (kind.startsWith("e") ? "an " : "a ") + kind;
    }
}
