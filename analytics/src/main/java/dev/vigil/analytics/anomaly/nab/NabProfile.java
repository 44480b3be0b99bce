package dev.vigil.analytics.anomaly.nab;

import java.util.List;

/**
 * The cost weights of one NAB scoring profile.
 *
 * @param name profile name as NAB spells it
 * @param tp   reward of a true positive at a window's left edge
 * @param fn   cost of a window without a detection
 * @param fp   cost of a detection far from every window
 */
public record NabProfile(String name, double tp, double fn, double fp) {
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 1.0, 0.11);
    public static final NabProfile LOW_FP = new NabProfile("reward_low_FP_rate", 1.0, 1.0, 0.22);
    public static final NabProfile LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 2.0, 0.11);

    /** The three published profiles, in NAB's order. */
    public static List<NabProfile> all() {
        return List.of(STANDARD, LOW_FP, LOW_FN);
    }
}
