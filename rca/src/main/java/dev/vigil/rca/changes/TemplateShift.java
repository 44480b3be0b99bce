package dev.vigil.rca.changes;

/**
 * A warning or error template whose rate rose on the new side.
 *
 * @param id             the log template id (or {@code shape:<masked message>} when templates are off)
 * @param text           the template text; null when unknown
 * @param example        one line as logged on the new side
 * @param count          on the new side
 * @param baselineCount  on the old side
 * @param ratio          new rate over old rate (per exposure); infinite when new
 * @param pValue         one-sided exact conditional binomial p-value of the rise
 * @param adjustedPValue after Benjamini–Hochberg
 * @param degraded       significant, seen at least the minimum count and new or risen by at least the minimum ratio
 */
public record TemplateShift(String id, String text, String example, long count, long baselineCount, double ratio, double pValue,
                            double adjustedPValue, boolean degraded) {

    public boolean isNew() {
        return baselineCount == 0 && count > 0;
    }
}
