package dev.vigil.analytics.anomaly;

/**
 * Judges a feature value against the largest value of the same feature in the recent past (a
 * sliding window kept as block maxima): the surprise is their ratio, so only a value beyond
 * anything seen lately stands out. Repeats of an event are not surprising once the event is in the
 * window, which keeps alarms sparse, and a daily pattern that recurs within the window never
 * alarms. O(1) amortised time; state is {@code blocks} doubles. Not thread-safe.
 */
final class ExceedanceCalibrator {
    private final double[] blockMax;
    private final int blockSize;
    private final double floor;
    private int filled;
    private int head;
    private double current;
    private int inBlock;
    private double windowMax;

    /**
     * @param blocks    blocks remembered
     * @param blockSize points per block; the window is {@code blocks × blockSize} points
     * @param floor     smallest maximum assumed, so that a feature that never moved does not make
     *                  its first wiggle an infinite surprise
     */
    ExceedanceCalibrator(int blocks, int blockSize, double floor) {
        this.blockMax = new double[blocks];
        this.blockSize = blockSize;
        this.floor = floor;
    }

    /** Feeds one feature value (≥ 0) and returns its ratio to the recent maximum (before this value). */
    double update(double feature) {
        double reference = Math.max(Math.max(windowMax, current), floor);
        double ratio = feature / reference;
        current = Math.max(current, feature);
        if (++inBlock == blockSize) {
            blockMax[head] = current;
            head = (head + 1) % blockMax.length;
            filled = Math.min(filled + 1, blockMax.length);
            double m = 0;
            for (int i = 0; i < filled; i++) {
                m = Math.max(m, blockMax[i]);
            }
            windowMax = m;
            current = 0;
            inBlock = 0;
        }
        return ratio;
    }
}
