package dev.vigil.analytics.patterns.summary;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Benjamini–Hochberg step-up adjustment of p-values for many simultaneous tests: rejecting
 * every hypothesis whose adjusted p-value is at most {@code q} keeps the expected share of false
 * discoveries at most {@code q} (for independent or positively dependent tests). With hundreds
 * of templates tested at once, unadjusted p-values below 0.05 would flag several by chance alone.
 * Stateless and thread-safe.
 */
public final class BenjaminiHochberg {
    /** How the correction is named in results. */
    public static final String NAME = "Benjamini-Hochberg";

    private BenjaminiHochberg() {
    }

    /**
     * @param pValues raw p-values, each in [0, 1]
     * @return adjusted p-values in the same order: {@code min over j >= rank of (m / j) * p_(j)}, at most 1
     */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is not in [0, 1]: " + pValues[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }
}
