package dev.vigil.reports.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.analytics.uptime.ProbeUptime;

/**
 * Turns a report's findings into concrete recommendations, most urgent first: degraded deploys to
 * roll back, SLOs running out of budget, probes under their SLA, open incidents, unhealthy services
 * and latency regressions not already explained, saturation among the root causes, and the top
 * bottleneck. Each names the thing to act on and the numbers behind it. Pure and thread-safe.
 */
public final class RecommendationDeriver {
    /** More than this many items stop being read. */
    static final int MAX_ITEMS = 10;
    /** Under a quarter of the budget left, the SLO needs attention before it is missed. */
    static final double LOW_BUDGET = 0.25;
    /** A burn this fast spends a 30-day budget in five days. */
    static final double FAST_BURN = 6;
    /** p95 rising by half against the previous window is a regression worth a look. */
    static final double P95_REGRESSION = 1.5;
    static final long MIN_REQUESTS_FOR_REGRESSION = 50;

    private RecommendationDeriver() {
    }

    public static List<ActionItem> derive(HealthReport r) {
        List<ActionItem> items = new ArrayList<>();
        // Services whose trouble an item already names: the generic "look at" items skip them.
        Set<String> explained = new HashSet<>();
        for (ChangeLine c : r.changes()) {
            if (!c.verdict().equals("degraded")) {
                continue;
            }
            explained.add(c.service());
            String evidence = changeEvidence(c);
            if (c.rolledBack()) {
                items.add(new ActionItem(ActionItem.Priority.MEDIUM, "Keep " + c.service() + " off " + (c.version().isBlank() ? "the change of "
                        + HealthFormat.instant(c.at()) : c.version()) + " until the regression is fixed",
                        c.label() + " was degraded (" + evidence + ") and has been rolled back."));
            } else if (c.rollback()) {
                items.add(new ActionItem(ActionItem.Priority.HIGH, "Roll back " + c.label()
                        + (c.rollbackTarget().isBlank() ? "" : " to " + c.rollbackTarget()), "Degraded: " + evidence + "."));
            } else {
                items.add(new ActionItem(ActionItem.Priority.MEDIUM, "Investigate " + c.type().replace('_', ' ') + " " + c.label(),
                        "Degraded: " + evidence + "."));
            }
        }
        for (SloLine slo : r.slos()) {
            double left = slo.budgetRemaining();
            if (Double.isNaN(left)) {
                continue;
            }
            boolean missed = left <= 0;
            boolean fast = slo.burnRate() >= FAST_BURN;
            if (!missed && left >= LOW_BUDGET && slo.burnRate() < 2) {
                continue;
            }
            if (!slo.service().isBlank()) {
                explained.add(slo.service());
            }
            String burn = Double.isNaN(slo.burnRate()) ? "" : " at burn " + HealthFormat.burn(slo.burnRate())
                    + (slo.burnWindow() == null ? "" : " (" + HealthFormat.span(slo.burnWindow()) + ")");
            String action = missed
                    ? "SLO " + slo.id() + " is missed: " + HealthFormat.fractionPercent(1 - left) + " of its error budget spent" + burn
                    : "SLO " + slo.id() + " has " + HealthFormat.fractionPercent(left) + " budget left" + burn;
            String reason = "SLI " + HealthFormat.fractionPercent(slo.sli()) + " against a target of " + HealthFormat.number(slo.targetPercent())
                    + "% over " + HealthFormat.span(slo.sloWindow()) + ".";
            if (!missed && slo.burnRate() > 1) {
                Duration untilEmpty = Duration.ofMillis((long) (left * slo.sloWindow().toMillis() / slo.burnRate()));
                reason += " At this rate the budget is gone in " + HealthFormat.span(untilEmpty) + ".";
            }
            reason += " Hold risky changes" + (slo.service().isBlank() ? "" : " to " + slo.service()) + " until it recovers.";
            items.add(new ActionItem(missed || fast ? ActionItem.Priority.HIGH : ActionItem.Priority.MEDIUM, action, reason));
        }
        for (ProbeUptime p : r.probes()) {
            if (p.checks() == 0 || Double.isNaN(p.uptimeRatio())) {
                continue;
            }
            boolean underSla = !p.slaMet();
            if (!underSla && p.uptimeRatio() >= 0.99) {
                continue;
            }
            String uptime = HealthFormat.uptime(100 * p.uptimeRatio());
            items.add(new ActionItem(underSla ? ActionItem.Priority.HIGH : ActionItem.Priority.MEDIUM,
                    "Probe " + p.probe() + " was up " + uptime + (underSla ? ", under its " + HealthFormat.number(p.slaPercent()) + "% SLA" : ""),
                    p.outages() + (p.outages() == 1 ? " outage" : " outages") + ", longest "
                            + HealthFormat.span(Duration.ofSeconds((long) p.longestOutageSeconds())) + ", "
                            + HealthFormat.span(Duration.ofSeconds((long) p.downtimeSeconds())) + " down in all."));
        }
        for (IncidentLine i : r.incidents()) {
            if (!i.open()) {
                continue;
            }
            if (!i.service().isBlank()) {
                explained.add(i.service());
            }
            items.add(new ActionItem(ActionItem.Priority.HIGH, "Resolve incident " + i.id() + (i.title().isBlank() ? "" : " (" + i.title() + ")"),
                    i.topCause().isBlank() ? "Still open; its analysis found no cause." : "Still open; top cause: " + i.topCause() + "."));
        }
        for (ServiceHealth s : r.services()) {
            if ((s.status() == ServiceStatus.DOWN || s.status() == ServiceStatus.DEGRADED) && !explained.contains(s.service())) {
                explained.add(s.service());
                items.add(new ActionItem(s.status() == ServiceStatus.DOWN ? ActionItem.Priority.HIGH : ActionItem.Priority.MEDIUM,
                        "Look at " + s.service() + ": " + s.status().label().toLowerCase(java.util.Locale.ROOT) + " at the end of the window",
                        "Error rate " + HealthFormat.fractionPercent(s.errorRate()) + ", p95 " + HealthFormat.duration(s.p95Ms())
                                + ", uptime " + HealthFormat.uptime(s.uptimePercent()) + "."));
            }
        }
        for (ServicePerformance p : r.performance()) {
            PerformanceFigures now = p.current();
            PerformanceFigures before = p.previous();
            if (!explained.contains(p.service()) && now.requests() >= MIN_REQUESTS_FOR_REGRESSION
                    && before.requests() >= MIN_REQUESTS_FOR_REGRESSION && before.p95Ms() > 0 && now.p95Ms() >= P95_REGRESSION * before.p95Ms()) {
                items.add(new ActionItem(ActionItem.Priority.MEDIUM, "Find why " + p.service() + " got slower",
                        "p95 " + HealthFormat.duration(before.p95Ms()) + " \u2192 " + HealthFormat.duration(now.p95Ms())
                                + " against the previous window (" + HealthFormat.change(now.p95Ms(), before.p95Ms()) + ")."));
            }
        }
        for (AnomalyFinding a : r.anomalies()) {
            if (a.unit() == ValueUnit.BYTES && a.baseline() > 0 && a.value() >= 1.5 * a.baseline()) {
                items.add(new ActionItem(ActionItem.Priority.MEDIUM, "Check memory of " + a.service() + ": " + a.subject() + " at "
                        + a.formattedValue(), "Up from " + a.formattedBaseline() + " (" + HealthFormat.change(a.value(), a.baseline())
                        + ") since " + HealthFormat.instant(a.onset()) + "; a leak ends in an out-of-memory restart."));
                break;
            }
        }
        if (!r.bottlenecks().isEmpty()) {
            Bottleneck b = r.bottlenecks().get(0);
            if (b.timeSharePercent() >= 30 || b.reason().startsWith("long tail")) {
                items.add(new ActionItem(ActionItem.Priority.LOW, "Profile " + b.service() + " " + b.endpoint(),
                        HealthFormat.percent(b.timeSharePercent()) + " of all request time, p99 " + HealthFormat.duration(b.p99Ms())
                                + " (" + b.reason() + ")."));
            }
        }
        items.sort(Comparator.comparing(ActionItem::priority));
        return List.copyOf(items.subList(0, Math.min(MAX_ITEMS, items.size())));
    }

    /** "error rate 0.2% → 31%, p95 120 ms → 3.1 s, p < 0.001". */
    static String changeEvidence(ChangeLine c) {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(c.errorBefore()) && !Double.isNaN(c.errorAfter())) {
            parts.add("error rate " + HealthFormat.fractionPercent(c.errorBefore()) + " \u2192 " + HealthFormat.fractionPercent(c.errorAfter()));
        }
        if (!Double.isNaN(c.p95Before()) && !Double.isNaN(c.p95After())) {
            parts.add("p95 " + HealthFormat.duration(c.p95Before()) + " \u2192 " + HealthFormat.duration(c.p95After()));
        }
        String p = HealthFormat.pValue(c.pValue());
        if (!p.isEmpty()) {
            parts.add(p);
        }
        return parts.isEmpty() ? "see its verdict" : String.join(", ", parts);
    }
}
