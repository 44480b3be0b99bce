package dev.vigil.rca;

import java.util.Locale;

/** What a root-cause candidate is; the labels are part of the HTTP contract. */
public enum CandidateKind {
    CHANGE, METRIC, LOG_PATTERN, ENDPOINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
