package dev.vigil.reports.health;

/**
 * A recommendation derived from the report's findings.
 *
 * @param action what to do, e.g. "Roll back payments v2.14.0 to v2.13.2"
 * @param reason the finding behind it, with its numbers
 */
public record ActionItem(Priority priority, String action, String reason) {

    /** How urgent: {@link #HIGH} first. */
    public enum Priority {
        HIGH("High"), MEDIUM("Medium"), LOW("Low");

        private final String label;

        Priority(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ActionItem {
        priority = priority == null ? Priority.LOW : priority;
        action = action == null ? "" : action;
        reason = reason == null ? "" : reason;
    }
}
