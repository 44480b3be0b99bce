package dev.vigil.analytics.anomaly.monitor;

import java.time.Instant;

/**
 * One anomalous episode of one series: from the detector's alarm (the onset) to the last step that
 * still departed from the expected value.
 *
 * @param id       stable identifier: the same series and onset always give the same id
 * @param signal   the series
 * @param onset    start of the step at which the detector alarmed
 * @param peak     start of the step that departed most from the expected value
 * @param end      end of the last departing step (exclusive)
 * @param score    the highest detector score in the episode, in [0, 1]
 * @param expected the value expected at the peak (robust median of the steps before the onset)
 * @param observed the value observed at the peak
 * @param ongoing  true when the data ended while the series was still departing: {@code end} is
 *                 where the data ended, not where the episode did
 */
public record Anomaly(String id, SignalId signal, Instant onset, Instant peak, Instant end, double score,
                      double expected, double observed, boolean ongoing) {

    /** The id of an episode of {@code signal} starting at {@code onsetMillis}: 16 hex digits. */
    static String idOf(SignalId signal, long onsetMillis) {
        String key = signal.kind().label() + '\u0000' + signal.series() + '\u0000' + onsetMillis;
        // Two independent 32-bit hashes keep collisions negligible at the scale of one node's anomalies.
        long high = key.hashCode() & 0xffffffffL;
        long low = new StringBuilder(key).reverse().toString().hashCode() & 0xffffffffL;
        return String.format("%08x%08x", high, low);
    }
}
