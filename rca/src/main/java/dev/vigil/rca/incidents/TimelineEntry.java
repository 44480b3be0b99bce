package dev.vigil.rca.incidents;

import java.time.Instant;
import java.util.Locale;

/**
 * One line of an incident's timeline.
 *
 * @param at      when it happened
 * @param type    what it is
 * @param service the service it concerns, or null
 * @param summary one sentence for a person
 */
public record TimelineEntry(Instant at, Type type, String service, String summary) {

    /** Kinds of entries; the labels are part of the HTTP contract and of the stored files. */
    public enum Type {
        /** The incident window opens or closes. */
        WINDOW,
        /** A deploy, rollback, migration or config change in or before the window. */
        CHANGE,
        /** An anomalous signal the root-cause analysis found, at its onset. */
        SIGNAL,
        /** An episode the anomaly monitor recorded. */
        ANOMALY,
        /** A root-cause analysis run and its top answer. */
        ANALYSIS,
        /** Opened, resolved. */
        STATUS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }

        /** Entries that record what happened to the incident itself, kept when the analysis is redone. */
        boolean isHistory() {
            return this == ANALYSIS || this == STATUS;
        }
    }

    public TimelineEntry {
        if (at == null || type == null || summary == null) {
            throw new IllegalArgumentException("a timeline entry needs a time, a type and a summary");
        }
    }
}
