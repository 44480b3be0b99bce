package dev.vigil.analytics.patterns.summary;

import java.util.List;

import dev.vigil.analytics.TimeRange;

/**
 * Templates new in a window and templates whose rate changed significantly against a baseline.
 *
 * @param window        the window under study
 * @param baseline      the baseline it was compared with
 * @param query         the query the events matched
 * @param test          the statistical test's name
 * @param correction    the multiple-testing correction's name
 * @param alpha         the significance level the adjusted p-values were compared with
 * @param minRatio      the smallest rate change (either way) reported as changed
 * @param tested        templates tested (seen in the window or the baseline): the correction's m
 * @param count         matching log events in the window
 * @param baselineCount matching log events in the baseline
 * @param newTemplates  seen in the window, absent in the baseline; most frequent first
 * @param changed       significant rate changes of templates seen in both or only in the baseline; smallest adjusted p-value first
 * @param tookMillis    time spent
 */
public record PatternChanges(TimeRange window, TimeRange baseline, String query, String test, String correction, double alpha,
                             double minRatio, int tested, long count, long baselineCount, List<PatternChange> newTemplates,
                             List<PatternChange> changed, double tookMillis) {
}
