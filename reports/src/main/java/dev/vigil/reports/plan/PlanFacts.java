package dev.vigil.reports.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;

/**
 * Everything one update of the plan knows, gathered at one moment. Immutable.
 *
 * @param generatedAt when it was gathered
 * @param window      the window the figures cover (ends at the latest data, at most now)
 * @param components  by group, then name
 * @param items       to-do items and known issues, open and recently resolved
 * @param hosts       host names seen per service, sorted
 * @param versions    versions seen per service (deploys and rollbacks), oldest first
 */
public record PlanFacts(Instant generatedAt, TimeRange window, List<Component> components, List<PlanItem> items,
                        Map<String, List<String>> hosts, Map<String, List<String>> versions) {
    public PlanFacts {
        components = List.copyOf(components);
        items = List.copyOf(items);
        hosts = Map.copyOf(hosts);
        versions = Map.copyOf(versions);
    }

    /** The worst status of any component; unknown without components. */
    public ComponentStatus overall() {
        ComponentStatus worst = components.isEmpty() ? ComponentStatus.UNKNOWN : ComponentStatus.OPERATIONAL;
        for (Component component : components) {
            if (component.status() != ComponentStatus.UNKNOWN) {
                worst = worst.worse(component.status());
            }
        }
        return worst;
    }
}
