package dev.vigil.rca.changes;

import java.util.Arrays;

import org.apache.commons.math3.special.Erf;

/**
 * The Mann–Whitney U test of "the new side's latencies tend to be larger", one-sided. Ranks
 * rather than values, so a handful of 30-second timeouts weigh as much as any other slow request
 * and the long tails of latency distributions do not swamp the test. Ties get mid-ranks and the
 * variance their correction; the p-value comes from the normal approximation with a continuity
 * correction (adequate from about ten samples a side, and the verdict asks for more). Stateless
 * and thread-safe.
 */
public final class MannWhitneyTest {
    /** How the test is named in results. */
    public static final String NAME = "Mann-Whitney U test (one-sided: the new side is slower), normal approximation";

    private MannWhitneyTest() {
    }

    /**
     * The outcome.
     *
     * @param u           U of the new side: pairs (new, old) where new is larger, ties counting one half
     * @param z           standardised U after the continuity correction
     * @param pValue      one-sided p-value; 1 when a side is empty or every value is equal
     * @param superiority U over all pairs: the probability that a random new latency exceeds a random
     *                    old one (ties half); 0.5 means no shift (Vargha–Delaney A)
     */
    public record Result(double u, double z, double pValue, double superiority) {
    }

    /** @param newer the new side's values; @param older the old side's values (neither is modified) */
    public static Result greater(double[] newer, double[] older) {
        int n1 = newer.length;
        int n2 = older.length;
        if (n1 == 0 || n2 == 0) {
            return new Result(0, 0, 1.0, 0.5);
        }
        int n = n1 + n2;
        double[] values = new double[n];
        boolean[] fromNew = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < n1 ? newer[i] : older[i - n1];
            fromNew[i] = i < n1;
            order[i] = i;
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("latency " + i + " is not a number");
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double rankSumNew = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            int ties = j - i + 1;
            tieTerm += (double) ties * ties * ties - ties;
            for (int k = i; k <= j; k++) {
                if (fromNew[order[k]]) {
                    rankSumNew += midRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumNew - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        double superiority = u / (n1 * (double) n2);
        if (!(variance > 0)) {
            return new Result(u, 0, 1.0, superiority);
        }
        double z = (u - mean - 0.5) / Math.sqrt(variance);
        // The upper tail from erfc keeps its digits far below 1e-16, unlike 1 - Phi(z).
        double p = 0.5 * Erf.erfc(z / Math.sqrt(2));
        return new Result(u, z, Math.min(1.0, p), superiority);
    }
}
