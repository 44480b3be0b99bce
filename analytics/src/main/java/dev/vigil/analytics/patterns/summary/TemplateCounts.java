package dev.vigil.analytics.patterns.summary;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Template counts over one window.
 *
 * @param total       log events matching the query in the window
 * @param untemplated those of them indexed without a template id (before mining was on)
 * @param byId        per current template id
 */
record TemplateCounts(long total, long untemplated, Map<String, TemplateCount> byId) {
    static final Comparator<TemplateCount> MOST_FIRST =
            Comparator.comparingLong(TemplateCount::count).reversed().thenComparing(TemplateCount::id);

    long count(String id) {
        TemplateCount count = byId.get(id);
        return count == null ? 0 : count.count();
    }

    List<TemplateCount> mostFrequentFirst() {
        return byId.values().stream().sorted(MOST_FIRST).toList();
    }
}
