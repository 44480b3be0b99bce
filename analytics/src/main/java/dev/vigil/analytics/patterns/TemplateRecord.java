package dev.vigil.analytics.patterns;

/**
 * One template as persisted: live ones have {@code text}, merged ones {@code mergedInto}.
 *
 * @param id         the template id
 * @param service    the service it was mined for
 * @param sequence   creation order (the oldest of merging templates keeps its id)
 * @param text       when live, the template's words as the miner matches them (a literal value such as
 *                   {@code root} stays a word, a value and its unit such as {@code <*> KB} is one word),
 *                   joined by {@link #WORD_SEPARATOR}; else {@code null}
 * @param mergedInto the id it was merged into, or {@code null} when live
 * @param overflow   whether it is the service's catch-all template (used past the template cap)
 */
record TemplateRecord(String id, String service, long sequence, String text, String mergedInto, boolean overflow) {
    /** Between words in {@link #text}: never inside a word, as words are split at whitespace. */
    static final char WORD_SEPARATOR = '\t';
}
