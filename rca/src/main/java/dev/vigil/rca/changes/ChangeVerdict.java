package dev.vigil.rca.changes;

/**
 * The verdict on one change.
 *
 * @param change         the change, with its id and rollback links
 * @param verdict        healthy, degraded or inconclusive
 * @param summary        one paragraph a person can check
 * @param plan           what was compared with what
 * @param comparison     the numbers and tests; null when there was nothing to compare (no window)
 * @param recommendation roll back or not, and why
 * @param recovery       for a rollback that undid a known deploy, whether the service recovered; otherwise null
 * @param tookMillis     time to compute
 */
public record ChangeVerdict(TrackedChange change, Verdict verdict, String summary, ComparisonPlan plan, Comparison comparison,
                           Recommendation recommendation, Recovery recovery, double tookMillis) {
}
