package dev.vigil.analytics.patterns.summary;

import java.util.Set;

import dev.vigil.analytics.patterns.LogTemplate;

/**
 * How often one template occurred in a window.
 *
 * @param template   the template (text null when the catalog does not know the id)
 * @param count      matching log events in the window, including those indexed under merged-away ids
 * @param firstNanos the earliest of them
 * @param lastNanos  the latest of them
 * @param indexedIds the ids those events were indexed with (the template's own and merged-away ones)
 */
public record TemplateCount(LogTemplate template, long count, long firstNanos, long lastNanos, Set<String> indexedIds) {
    public String id() {
        return template.id();
    }
}
