package dev.vigil.reports.plan;

/**
 * One endpoint of a component over the plan's window.
 *
 * @param name      {@code METHOD route}
 * @param status    from its recent error rate and latency
 * @param requests  requests in the window
 * @param errorRate 5xx share in the window
 * @param p95Ms     95th percentile latency in the window
 */
public record PlanEndpoint(String name, ComponentStatus status, long requests, double errorRate, double p95Ms) {
}
