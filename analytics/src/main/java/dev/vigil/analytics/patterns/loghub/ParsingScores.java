package dev.vigil.analytics.patterns.loghub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The four Loghub accuracy figures of one parse, from the ground-truth and parsed template of
 * every line. A group is the set of lines sharing a template text.
 *
 * @param groupingAccuracy  GA: lines whose ground-truth group is exactly one parsed group / lines
 * @param fGroupingAccuracy FGA: harmonic mean of correct groups / parsed groups and correct groups / true groups
 * @param parsingAccuracy   PA: lines whose parsed text equals the true text / lines
 * @param fTemplateAccuracy FTA: as FGA, counting a parsed template correct only when its group is
 *                          correct and its text equals the true text
 * @param trueTemplates     number of ground-truth templates
 * @param parsedTemplates   number of parsed templates
 */
public record ParsingScores(double groupingAccuracy, double fGroupingAccuracy, double parsingAccuracy,
                            double fTemplateAccuracy, int trueTemplates, int parsedTemplates) {

    /** Scores {@code parsed} against {@code truth}, line by line (same length, no nulls). */
    public static ParsingScores of(List<String> truth, List<String> parsed) {
        if (truth.size() != parsed.size()) {
            throw new IllegalArgumentException("truth has " + truth.size() + " lines, parsed " + parsed.size());
        }
        int n = truth.size();
        Map<String, Integer> trueSizes = counts(truth);
        Map<String, Integer> parsedSizes = counts(parsed);
        // For each true group: the one parsed template of its lines, or null when they have several.
        Map<String, String> parsedOfTrue = new HashMap<>();
        Map<String, Boolean> consistent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String t = truth.get(i);
            String p = parsed.get(i);
            String seen = parsedOfTrue.putIfAbsent(t, p);
            if (seen != null && !seen.equals(p)) {
                consistent.put(t, false);
            }
        }
        int correctLines = 0;
        int correctGroups = 0;
        int correctTemplates = 0;
        for (Map.Entry<String, Integer> group : trueSizes.entrySet()) {
            String t = group.getKey();
            if (consistent.getOrDefault(t, true)) {
                String p = parsedOfTrue.get(t);
                if (parsedSizes.get(p).equals(group.getValue())) {
                    correctLines += group.getValue();
                    correctGroups++;
                    if (p.equals(t)) {
                        correctTemplates++;
                    }
                }
            }
        }
        int exact = 0;
        for (int i = 0; i < n; i++) {
            if (truth.get(i).equals(parsed.get(i))) {
                exact++;
            }
        }
        return new ParsingScores(n == 0 ? 0 : (double) correctLines / n,
                f1(correctGroups, parsedSizes.size(), trueSizes.size()),
                n == 0 ? 0 : (double) exact / n,
                f1(correctTemplates, parsedSizes.size(), trueSizes.size()),
                trueSizes.size(), parsedSizes.size());
    }

    private static Map<String, Integer> counts(List<String> templates) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String t : templates) {
            sizes.merge(t, 1, Integer::sum);
        }
        return sizes;
    }

    private static double f1(int correct, int parsedCount, int trueCount) {
        if (correct == 0 || parsedCount == 0 || trueCount == 0) {
            return 0;
        }
        double precision = (double) correct / parsedCount;
        double recall = (double) correct / trueCount;
        return 2 * precision * recall / (precision + recall);
    }
}
