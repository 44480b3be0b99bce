package dev.vigil.reports.plan;

import java.util.List;

/**
 * One component of the system as the plan shows it.
 *
 * @param name        service, data store or tool name
 * @param group       where it is listed
 * @param status      operational, degraded or down (unknown without data)
 * @param reason      why it has that status, for people (e.g. "error rate 12.0% in the last 15 minutes")
 * @param platform    what it runs on or is, e.g. {@code production · rolling deploys} or {@code postgresql}
 * @param version     the version last deployed, or null
 * @param deployedAt  when that version was deployed (ISO date-time), or null
 * @param endpoints   endpoints with their health, busiest first
 * @param performance figures over the window
 * @param migrations  migrations applied, oldest first, one line each
 * @param details     other facts worth a line (used by, pools, hosts)
 */
public record Component(String name, ComponentGroup group, ComponentStatus status, String reason, String platform, String version,
                        String deployedAt, List<PlanEndpoint> endpoints, Performance performance, List<String> migrations,
                        List<String> details) {
    public Component {
        endpoints = List.copyOf(endpoints);
        migrations = List.copyOf(migrations);
        details = List.copyOf(details);
    }
}
