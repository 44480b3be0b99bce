package dev.vigil.rca.changes;

import java.util.Locale;

/** The outcome of comparing a change's new state with the old one. */
public enum Verdict {
    /** Enough data, and no test found a material degradation. */
    HEALTHY,
    /** At least one test found a significant (after the multiple-comparison correction) and material degradation. */
    DEGRADED,
    /** No degradation found, but too little data to call it healthy. */
    INCONCLUSIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
