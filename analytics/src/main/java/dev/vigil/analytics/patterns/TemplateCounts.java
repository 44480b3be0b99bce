package dev.vigil.analytics.patterns;

import java.util.List;

/**
 * Log lines per (service, template id) and time bucket, as {@link TemplateCounter} reads them.
 * Bucket {@code i} covers {@code [startMillis + i * bucketMillis, startMillis + (i + 1) * bucketMillis)}.
 * Immutable by contract: callers must not write into the arrays of a {@link Series}.
 *
 * @param startMillis  start of the first bucket (the range start rounded down to a whole bucket)
 * @param bucketMillis bucket width
 * @param buckets      number of buckets; every series has this many counts
 * @param series       one per (service, template id) with at least one line, sorted by service then template id
 */
public record TemplateCounts(long startMillis, long bucketMillis, int buckets, List<Series> series) {

    public TemplateCounts {
        series = List.copyOf(series);
    }

    /** All lines counted. */
    public long lines() {
        long lines = 0;
        for (Series s : series) {
            lines += s.total();
        }
        return lines;
    }

    /** The bucket holding {@code epochMillis}; may be negative or ≥ {@link #buckets()} outside the range. */
    public int bucketOf(long epochMillis) {
        return (int) Math.floorDiv(epochMillis - startMillis, bucketMillis);
    }

    /**
     * The lines of one template of one service.
     *
     * @param service    the service
     * @param templateId the template id as indexed (an id merged away later is its own series;
     *                   {@link TemplateCatalog#lookup} resolves it)
     * @param counts     lines per bucket
     * @param firstNanos timestamp of the earliest line in each bucket, {@link Long#MAX_VALUE} where there is none
     * @param total      the sum of {@code counts}
     */
    public record Series(String service, String templateId, long[] counts, long[] firstNanos, long total) {

        /** Lines in buckets {@code [from, to)} (clamped to the buckets there are). */
        public long sum(int from, int to) {
            long sum = 0;
            for (int i = Math.max(0, from); i < Math.min(to, counts.length); i++) {
                sum += counts[i];
            }
            return sum;
        }
    }
}
