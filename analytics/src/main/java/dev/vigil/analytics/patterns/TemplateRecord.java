package dev.vigil.analytics.patterns;

/**
 * One template as persisted: live ones have {@code text}, merged ones {@code mergedInto}.
 *
 * @param id         the template id
 * @param service    the service it was mined for
 * @param sequence   creation order (the oldest of merging templates keeps its id)
 * @param text       the template text when live, else {@code null}
 * @param mergedInto the id it was merged into, or {@code null} when live
 * @param overflow   whether it is the service's catch-all template (used past the template cap)
 */
record TemplateRecord(String id, String service, long sequence, String text, String mergedInto, boolean overflow) {
}
