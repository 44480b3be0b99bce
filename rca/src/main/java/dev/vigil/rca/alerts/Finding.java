package dev.vigil.rca.alerts;

import java.util.Map;

/**
 * One instance of a rule's condition holding at an evaluation: e.g. one metric series over its
 * threshold, one service without data. A rule yields zero findings when its condition does not hold.
 *
 * @param labels  labels that tell this instance apart from the rule's other findings (e.g. the
 *                series' labels); they join the rule's labels and make the fingerprint
 * @param value   the measured value ({@code $value} in annotations); NaN when there is none
 * @param summary one sentence for a person, used when the rule has no summary annotation
 */
public record Finding(Map<String, String> labels, double value, String summary) {
    public Finding {
        labels = Map.copyOf(labels);
    }
}
