package dev.vigil.reports.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the bodies of the sections Vigil owns, in document order, from {@link PlanFacts} and the
 * to-do lines to show ({@link PlanItems}). Each body starts with its heading and ends with a
 * newline; the markers around it are {@link PlanDocument}'s business. Stateless and thread-safe.
 */
public final class PlanRenderer {
    public static final String SUMMARY = "summary";
    public static final String DASHBOARD = "dashboard";
    public static final String BLOCKERS = "blockers";
    public static final String TODO = "todo";
    public static final String INVENTORY = "inventory";
    public static final String CHANGELOG = "changelog";

    /** Section ids in document order (the change log's body comes from {@link PlanChangeLog}). */
    public static List<String> sectionIds() {
        List<String> ids = new ArrayList<>(List.of(SUMMARY, DASHBOARD, BLOCKERS));
        for (ComponentGroup group : ComponentGroup.values()) {
            ids.add(group.id());
        }
        ids.addAll(List.of(TODO, INVENTORY, CHANGELOG));
        return ids;
    }

    /** Every section but the change log. */
    public Map<String, String> render(PlanFacts facts, PlanItems items) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SUMMARY, summary(facts, items));
        out.put(DASHBOARD, dashboard(facts, items));
        out.put(BLOCKERS, blockers(facts, items));
        for (ComponentGroup group : ComponentGroup.values()) {
            out.put(group.id(), group(facts, items, group));
        }
        out.put(TODO, todo(facts, items));
        out.put(INVENTORY, inventory(facts));
        return out;
    }

    private static String summary(PlanFacts facts, PlanItems items) {
        StringBuilder out = new StringBuilder();
        long down = facts.components().stream().filter(c -> c.status() == ComponentStatus.DOWN).count();
        long degraded = facts.components().stream().filter(c -> c.status() == ComponentStatus.DEGRADED).count();
        out.append("**Overall status: ").append(facts.overall().badge()).append("** — ")
                .append(facts.components().size()).append(" components");
        if (down + degraded > 0) {
            out.append(", ").append(degraded).append(" degraded, ").append(down).append(" down");
        }
        out.append("; ").append(items.openCount()).append(" open to-do").append(items.openCount() == 1 ? "" : "s")
                .append(", ").append(items.blockers().size()).append(" blocker").append(items.blockers().size() == 1 ? "" : "s").append(".\n\n");
        out.append("_Kept current by Vigil: last updated ").append(PlanText.minute(facts.generatedAt()))
                .append("; figures cover ").append(PlanText.minute(facts.window().from())).append(" to ")
                .append(PlanText.minute(facts.window().to())).append(". Edit anything outside the `vigil:begin`/`vigil:end` markers;")
                .append(" ticks on to-do items are kept._\n");
        return out.toString();
    }

    private static String dashboard(PlanFacts facts, PlanItems items) {
        StringBuilder out = new StringBuilder("## System health dashboard\n\n");
        out.append("| Component | Group | Status | Version | Requests | Error rate | p95 | Uptime | Open issues |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|\n");
        for (Component c : facts.components()) {
            Performance p = c.performance();
            out.append("| ").append(PlanText.oneLine(c.name())).append(" | ").append(c.group().title()).append(" | ")
                    .append(c.status().badge()).append(" | ").append(c.version() == null ? "—" : PlanText.oneLine(c.version())).append(" | ")
                    .append(p.requests() == 0 ? "—" : PlanText.count(p.requests())).append(" | ")
                    .append(PlanText.percent(p.errorRate())).append(" | ").append(PlanText.millis(p.p95Ms())).append(" | ")
                    .append(PlanText.uptime(p.uptimePercent())).append(" | ").append(items.openFor(c.name())).append(" |\n");
        }
        return out.toString();
    }

    private static String blockers(PlanFacts facts, PlanItems items) {
        StringBuilder out = new StringBuilder("## Blockers\n\n");
        List<String> lines = new ArrayList<>();
        for (Component c : facts.components()) {
            if (c.status() == ComponentStatus.DOWN) {
                lines.add("- " + ComponentStatus.DOWN.icon() + " **" + PlanText.oneLine(c.name()) + " is down**"
                        + (c.reason().isBlank() ? "" : ": " + PlanText.oneLine(c.reason())));
            }
        }
        for (PlanItem item : items.blockers()) {
            lines.add("- " + (item.component() == null ? "" : "**" + PlanText.oneLine(item.component()) + "**: ") + item.text());
        }
        if (lines.isEmpty()) {
            out.append("None: no component is down, no incident is open and no deploy is waiting for a rollback.\n");
        } else {
            lines.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    private static String group(PlanFacts facts, PlanItems items, ComponentGroup group) {
        StringBuilder out = new StringBuilder("## ").append(group.title()).append("\n\n");
        List<Component> members = facts.components().stream().filter(c -> c.group() == group).toList();
        if (members.isEmpty()) {
            out.append("_Nothing of this kind seen yet._\n");
            return out.toString();
        }
        for (Component c : members) {
            out.append("### ").append(PlanText.oneLine(c.name())).append(" — ").append(c.status().badge()).append("\n\n");
            if (!c.reason().isBlank()) {
                out.append("- **Why:** ").append(PlanText.oneLine(c.reason())).append('\n');
            }
            if (c.platform() != null || c.version() != null) {
                out.append("- **Platform:** ").append(c.platform() == null ? "—" : PlanText.oneLine(c.platform()));
                if (c.version() != null) {
                    out.append("; **version** ").append(PlanText.oneLine(c.version())).append(" (deployed ").append(c.deployedAt()).append(')');
                }
                out.append('\n');
            }
            Performance p = c.performance();
            if (p.requests() > 0) {
                out.append("- **Performance:** ").append(PlanText.count(p.requests())).append(c.group() == ComponentGroup.DATA_STORES
                        ? " calls" : c.name().startsWith("probe ") ? " checks" : " requests")
                        .append(", average ").append(PlanText.millis(p.averageMs()))
                        .append(", p95 ").append(PlanText.millis(p.p95Ms())).append(", p99 ").append(PlanText.millis(p.p99Ms()))
                        .append(", error rate ").append(PlanText.percent(p.errorRate()))
                        .append(Double.isNaN(p.uptimePercent()) ? "" : ", uptime " + PlanText.uptime(p.uptimePercent())).append('\n');
            } else if (!Double.isNaN(p.errorRate())) {
                out.append("- **Performance:** no access logs; ").append(PlanText.percent(p.errorRate())).append(" of log lines at ERROR\n");
            }
            for (String detail : c.details()) {
                out.append("- ").append(detail).append('\n');
            }
            if (!c.migrations().isEmpty()) {
                out.append("- **Migrations applied:**\n");
                c.migrations().forEach(m -> out.append("  - ").append(m).append('\n'));
            }
            if (!c.endpoints().isEmpty()) {
                boolean store = c.group() == ComponentGroup.DATA_STORES;
                out.append('\n').append(store ? "| Operation | Calls | Errors |\n|---|---:|---:|\n"
                        : "| Endpoint | Health | Requests | Error rate | p95 |\n|---|---|---:|---:|---:|\n");
                for (PlanEndpoint e : c.endpoints()) {
                    out.append("| `").append(e.name().replace("|", "\\|")).append("` | ");
                    if (!store) {
                        out.append(e.status().icon()).append(" | ");
                    }
                    out.append(PlanText.count(e.requests())).append(" | ").append(PlanText.percent(e.errorRate()));
                    if (!store) {
                        out.append(" | ").append(PlanText.millis(e.p95Ms()));
                    }
                    out.append(" |\n");
                }
            }
            List<String> todo = items.linesFor(c.name());
            if (!todo.isEmpty()) {
                out.append("\n**To-do and known issues**\n\n");
                todo.forEach(l -> out.append(l).append('\n'));
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String todo(PlanFacts facts, PlanItems items) {
        StringBuilder out = new StringBuilder("## System-wide to-do and known issues\n\n");
        TreeSet<String> names = new TreeSet<>();
        facts.components().forEach(c -> names.add(c.name()));
        List<String> lines = items.linesNotFor(names);
        if (lines.isEmpty()) {
            out.append("_None beyond the components' own lists._\n");
        } else {
            lines.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    private static String inventory(PlanFacts facts) {
        StringBuilder out = new StringBuilder("## Infrastructure inventory\n\n");
        out.append("| Service | Group | Hosts | Versions seen |\n|---|---|---|---|\n");
        TreeSet<String> services = new TreeSet<>(facts.hosts().keySet());
        services.addAll(facts.versions().keySet());
        Map<String, Component> byName = new LinkedHashMap<>();
        facts.components().forEach(c -> byName.put(c.name(), c));
        for (String service : services) {
            Component c = byName.get(service);
            List<String> hosts = facts.hosts().getOrDefault(service, List.of());
            out.append("| ").append(PlanText.oneLine(service)).append(" | ").append(c == null ? "—" : c.group().title()).append(" | ")
                    .append(hosts.isEmpty() ? "—" : PlanText.oneLine(String.join(", ", hosts))).append(" | ")
                    .append(PlanText.oneLine(String.join(" → ", facts.versions().getOrDefault(service, List.of("—"))))).append(" |\n");
        }
        long hostCount = facts.hosts().values().stream().mapToLong(List::size).sum();
        out.append('\n').append(services.size()).append(" services on ").append(hostCount).append(" hosts.\n");
        return out.toString();
    }
}
