package dev.vigil.analytics.slo;

import java.util.List;

/**
 * SLO definitions that cannot be used, with every problem found (not only the first), each naming
 * the field and, for YAML, the line.
 */
public final class SloValidationException extends IllegalArgumentException {
    private final List<Problem> problems;

    /**
     * @param field the path of the field, e.g. {@code slos[1].indicator.threshold}
     * @param line  1-based line in the YAML source, or 0 when the source has no lines (JSON bodies)
     */
    public record Problem(String field, int line, String message) {
        @Override
        public String toString() {
            return field + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
        }
    }

    public SloValidationException(String source, List<Problem> problems) {
        super(summary(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(String source, List<Problem> problems) {
        StringBuilder text = new StringBuilder(source == null ? "" : source + ": ");
        text.append(problems.size() == 1 ? "invalid SLO definition: " : problems.size() + " problems in the SLO definitions: ");
        for (int i = 0; i < problems.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        return text.toString();
    }
}
