package dev.vigil.analytics.query;

import java.util.List;
import java.util.Map;

/**
 * The answer to a query.
 *
 * @param events          true when the rows are events (no {@code stats}/{@code timechart}), else a table
 * @param columns         every field that occurs in the rows, in first-seen order
 * @param rows            the rows; values are String, Long, Double, {@link java.time.Instant} or null
 * @param partial         true when a limit (time budget, groups, rows) cut the work or the answer short
 * @param partialReasons  why, one sentence each; empty when complete
 * @param scanned         matching documents the pipeline read
 * @param decoded         of those, how many had their stored event decoded (the rest were served from doc values)
 * @param tookMillis      time spent
 */
public record QueryResult(boolean events, List<String> columns, List<Map<String, Object>> rows, boolean partial,
                          List<String> partialReasons, long scanned, long decoded, double tookMillis) {
}
