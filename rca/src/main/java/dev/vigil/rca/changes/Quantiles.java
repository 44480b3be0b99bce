package dev.vigil.rca.changes;

import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman–Fan type 7, the
 * default of R and NumPy), so reported p50/p95/p99 match what people compute by hand. Stateless.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** @param sorted ascending values; @return the q-quantile, NaN when there are none */
    public static double of(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** A sorted copy. */
    public static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
