package dev.vigil.analytics.patterns.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.ingest.model.LogEvent;

/**
 * Summarises a template's parameter values over sampled events. Values are re-extracted by the
 * catalog under the template as it is now, not read from the indexed {@code param.N} fields:
 * after a merge, older documents were indexed with the parameters of the narrower template.
 * Stateless and thread-safe.
 */
final class ParameterSummarizer {
    /** A plain decimal number; "0x1f", "1e5s" or "12ms" are not numeric summaries' business. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    /** Keeps responses bounded when a parameter is a long blob. */
    static final int MAX_VALUE_LENGTH = 200;

    private final TemplateCatalog catalog;
    private final int topValues;

    ParameterSummarizer(TemplateCatalog catalog, int topValues) {
        this.catalog = catalog;
        this.topValues = topValues;
    }

    /** @return one summary per position; empty when the template has no parameters or is unknown */
    List<ParameterSummary> summarize(LogTemplate template, List<LogEvent> sampled) {
        if (template.text() == null || template.parameters() == 0) {
            return List.of();
        }
        int positions = template.parameters();
        List<Map<String, Long>> counts = new ArrayList<>(positions);
        for (int i = 0; i < positions; i++) {
            counts.add(new HashMap<>());
        }
        for (LogEvent event : sampled) {
            Optional<List<String>> values = catalog.parameters(template.id(), event.message());
            if (values.isEmpty()) {
                continue;
            }
            List<String> list = values.get();
            for (int i = 0; i < Math.min(positions, list.size()); i++) {
                counts.get(i).merge(list.get(i), 1L, Long::sum);
            }
        }
        List<ParameterSummary> summaries = new ArrayList<>(positions);
        for (int i = 0; i < positions; i++) {
            summaries.add(summary(i + 1, counts.get(i)));
        }
        return summaries;
    }

    private ParameterSummary summary(int position, Map<String, Long> counts) {
        long values = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        boolean numeric = !counts.isEmpty();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            values += entry.getValue();
            if (numeric && NUMBER.matcher(entry.getKey()).matches()) {
                double number = Double.parseDouble(entry.getKey());
                min = Math.min(min, number);
                max = Math.max(max, number);
                sum += number * entry.getValue();
            } else {
                numeric = false;
            }
        }
        List<ParameterSummary.ValueCount> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(topValues)
                .map(e -> new ParameterSummary.ValueCount(truncate(e.getKey()), e.getValue()))
                .toList();
        ParameterSummary.NumericSummary stats = numeric && values > 0 && Double.isFinite(sum)
                ? new ParameterSummary.NumericSummary(min, max, sum / values) : null;
        return new ParameterSummary(position, (int) values, counts.size(), top, stats);
    }

    private static String truncate(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "…";
    }
}
