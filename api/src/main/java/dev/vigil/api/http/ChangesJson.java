package dev.vigil.api.http;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.changes.ChangeVerdict;
import dev.vigil.rca.changes.Comparison;
import dev.vigil.rca.changes.ComparisonPlan;
import dev.vigil.rca.changes.ErrorRateResult;
import dev.vigil.rca.changes.LatencyResult;
import dev.vigil.rca.changes.Recommendation;
import dev.vigil.rca.changes.Recovery;
import dev.vigil.rca.changes.SideSummary;
import dev.vigil.rca.changes.TemplateShift;
import dev.vigil.rca.changes.TrackedChange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON of changes and verdicts (docs/api.md, "Changes"). Numbers that are not finite (a ratio
 * against zero, a quantile of nothing) are written as null. Stateless.
 */
final class ChangesJson {
    private ChangesJson() {
    }

    static JsonObject change(TrackedChange tracked) {
        ChangeEvent event = tracked.event();
        JsonObject out = new JsonObject()
                .put("id", tracked.id())
                .put("timestamp", Timestamps.format(event.timestampNanos()))
                .put("type", event.type().label())
                .put("service", event.service())
                .put("version", event.version())
                .put("environment", event.environment())
                .put("strategy", event.strategy())
                .put("status", event.status().label())
                .put("description", event.description())
                .put("attributes", new JsonObject(new java.util.TreeMap<String, Object>(event.attributes())));
        if (tracked.undoes() != null) {
            out.put("undoes", tracked.undoes());
        }
        if (tracked.rolledBackBy() != null) {
            out.put("rolled_back_by", tracked.rolledBackBy());
        }
        return out.put("links", new JsonObject().put("self", "/api/v1/changes/" + tracked.id())
                .put("verdict", "/api/v1/changes/" + tracked.id() + "/verdict"));
    }

    static JsonObject verdict(ChangeVerdict verdict) {
        JsonObject out = new JsonObject()
                .put("change", change(verdict.change()))
                .put("verdict", verdict.verdict().label())
                .put("summary", verdict.summary())
                .put("plan", plan(verdict.plan()));
        Comparison comparison = verdict.comparison();
        if (comparison != null) {
            out.put("new", side(comparison.newer())).put("old", side(comparison.older())).put("tests", tests(comparison));
            if (comparison.shortfall() != null) {
                out.put("needed", shortfall(comparison.shortfall()));
            }
        }
        out.put("recommendation", recommendation(verdict.recommendation()));
        if (verdict.recovery() != null) {
            out.put("recovery", recovery(verdict.recovery()));
        }
        return out.put("took_ms", Math.round(verdict.tookMillis() * 10) / 10.0);
    }

    private static JsonObject plan(ComparisonPlan plan) {
        JsonObject out = new JsonObject().put("mode", plan.mode()).put("before", range(plan.before())).put("after", range(plan.after()));
        if (plan.mode().equals(ComparisonPlan.SIDE_BY_SIDE)) {
            out.put("side_attribute", plan.sideAttribute()).put("new_side", plan.newSide()).put("old_side", plan.oldSide());
        }
        return out.put("note", plan.note());
    }

    private static JsonObject range(TimeRange range) {
        return range == null ? null : new JsonObject().put("from", Timestamps.format(range.fromNanos()))
                .put("to", Timestamps.format(range.toNanos())).put("minutes", round(range.lengthNanos() / 60e9, 100));
    }

    private static JsonObject side(SideSummary side) {
        return new JsonObject()
                .put("requests", side.requests())
                .put("failures", side.failures())
                .put("error_rate", number(side.errorRate()))
                .put("latency_samples", side.latencies())
                .put("latency_ms", new JsonObject().put("p50", number(side.p50Ms())).put("p95", number(side.p95Ms()))
                        .put("p99", number(side.p99Ms())))
                .put("warnings", side.warnings())
                .put("exposure", number(side.exposure()));
    }

    private static JsonObject tests(Comparison comparison) {
        ErrorRateResult errors = comparison.errors();
        LatencyResult latency = comparison.latency();
        JsonArray templates = new JsonArray();
        for (TemplateShift shift : comparison.templates()) {
            templates.add(new JsonObject()
                    .put("template", shift.id())
                    .put("text", shift.text())
                    .put("example", shift.example())
                    .put("count", shift.count())
                    .put("baseline_count", shift.baselineCount())
                    .put("new", shift.isNew())
                    .put("ratio", number(shift.ratio()))
                    .put("p_value", number(shift.pValue()))
                    .put("adjusted_p_value", number(shift.adjustedPValue()))
                    .put("degraded", shift.degraded()));
        }
        return new JsonObject()
                .put("correction", "Benjamini-Hochberg")
                .put("false_discovery_rate", comparison.falseDiscoveryRate())
                .put("family_size", comparison.tests())
                .put("error_rate", new JsonObject()
                        .put("test", errors.test())
                        .put("p_value", number(errors.pValue()))
                        .put("adjusted_p_value", number(errors.adjustedPValue()))
                        .put("difference", number(errors.difference()))
                        .put("ratio", number(errors.ratio()))
                        .put("degraded", errors.degraded())
                        .put("improved", errors.improved())
                        .put("skipped", errors.skipped()))
                .put("latency", new JsonObject()
                        .put("test", latency.test())
                        .put("u", number(latency.u()))
                        .put("z", number(latency.z()))
                        .put("p_value", number(latency.pValue()))
                        .put("adjusted_p_value", number(latency.adjustedPValue()))
                        .put("probability_slower", number(latency.superiority()))
                        .put("median_ratio", number(latency.medianRatio()))
                        .put("p95_ratio", number(latency.p95Ratio()))
                        .put("degraded", latency.degraded())
                        .put("improved", latency.improved())
                        .put("skipped", latency.skipped()))
                .put("templates", new JsonObject().put("tested", comparison.templatesTested()).put("more_frequent", templates))
                .put("findings", new JsonArray(comparison.findings()));
    }

    private static JsonObject shortfall(Comparison.Shortfall shortfall) {
        return new JsonObject()
                .put("requests_per_side", shortfall.requestsPerSide())
                .put("new_requests", shortfall.newRequests())
                .put("old_requests", shortfall.oldRequests())
                .put("estimated_wait_minutes", number(shortfall.estimatedWaitMinutes()))
                .put("message", shortfall.message());
    }

    private static JsonObject recommendation(Recommendation recommendation) {
        JsonObject out = new JsonObject()
                .put("rollback", recommendation.rollback())
                .put("target", recommendation.target())
                .put("reason", recommendation.reason());
        if (recommendation.rolledBackBy() != null) {
            out.put("rolled_back_by", recommendation.rolledBackBy());
        }
        return out;
    }

    private static JsonObject recovery(Recovery recovery) {
        JsonObject out = new JsonObject()
                .put("undoes", recovery.undone())
                .put("baseline", range(recovery.baseline()))
                .put("after", range(recovery.window()))
                .put("recovered", recovery.recovered());
        Comparison comparison = recovery.comparison();
        if (comparison != null) {
            out.put("verdict", comparison.verdict().label())
                    .put("new", side(comparison.newer()))
                    .put("old", side(comparison.older()))
                    .put("tests", tests(comparison));
        }
        return out;
    }

    private static Double number(double value) {
        return Double.isFinite(value) ? round(value, 1e6) : null;
    }

    private static double round(double value, double scale) {
        // p-values far below 1e-6 keep their magnitude; only ordinary numbers are rounded.
        return Math.abs(value) < 1e-3 && value != 0 ? value : Math.round(value * scale) / scale;
    }
}
