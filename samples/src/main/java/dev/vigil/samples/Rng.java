package dev.vigil.samples;

/**
 * SplitMix64 with the distributions the generator needs. Only {@link StrictMath} is used, so the
 * same seed gives the same numbers on every JVM and platform.
 */
final class Rng {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream, so that tuning one part of the scenario does not reshuffle the others. */
    Rng fork(String name) {
        long salt = 0x6A09E667F3BCC909L;
        for (int i = 0; i < name.length(); i++) {
            salt = (salt ^ name.charAt(i)) * 0x100000001B3L;
        }
        return new Rng(nextLong() ^ salt);
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Uniform in [lo, hi]. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    double gaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Log-normal with the given median and log-space standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    int poisson(double lambda) {
        double limit = StrictMath.exp(-lambda);
        double product = nextDouble();
        int n = 0;
        while (product > limit) {
            product *= nextDouble();
            n++;
        }
        return n;
    }

    <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }

    String hex(int digits) {
        char[] out = new char[digits];
        long bits = 0;
        for (int i = 0; i < digits; i++) {
            if (i % 16 == 0) {
                bits = nextLong();
            }
            out[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(out);
    }
}
