package dev.vigil.api.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentIds;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.reports.incident.IncidentChartRenderer;
import dev.vigil.reports.incident.IncidentMarkdownWriter;
import dev.vigil.reports.incident.IncidentPdfWriter;
import dev.vigil.reports.incident.IncidentReport;
import dev.vigil.reports.incident.IncidentReportAssembler;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The incident report routes (docs/reports.md):
 * <ul>
 *   <li>{@code GET /api/v1/incidents/:id/report?format=md|pdf}: the report; {@code md} (the default)
 *       is the Markdown with its chart linked to the chart route below (or under {@code chart_base}
 *       when given, for a report saved next to its chart), {@code pdf} embeds the chart;</li>
 *   <li>{@code GET /api/v1/incidents/:id/report/charts/users-view.png}: the chart.</li>
 * </ul>
 * A malformed id is a 400 naming {@code id}, an unknown one a 404. Assembly runs the analysis
 * again, on the worker pool; a report is reused for a short while (keyed by the incident's stored
 * state) because a Markdown reader fetches the chart right after the text.
 */
public final class IncidentReportHandler {
    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final IncidentService incidents;
    private final IncidentReportAssembler assembler;
    private final QueryRunner runner;
    private final IncidentChartRenderer charts = new IncidentChartRenderer();
    private final IncidentMarkdownWriter markdown = new IncidentMarkdownWriter();
    private final IncidentPdfWriter pdf = new IncidentPdfWriter();
    private final Map<String, Cached> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > 8;
        }
    };

    private record Cached(IncidentReport report, long createdNanos) {
    }

    private IncidentReportHandler(IncidentService incidents, IncidentReportAssembler assembler, QueryRunner runner) {
        this.incidents = incidents;
        this.assembler = assembler;
        this.runner = runner;
    }

    public static IncidentReportHandler create(IncidentService incidents, IncidentReportAssembler assembler, QueryRunner runner) {
        return new IncidentReportHandler(incidents, assembler, runner);
    }

    public Handler<RoutingContext> report() {
        return ctx -> {
            String id = id(ctx);
            String format = Params.string(ctx, "format", "md");
            if (!format.equals("md") && !format.equals("pdf")) {
                throw ApiException.badRequest("parameter 'format' must be md or pdf, got '" + format + "'");
            }
            String chartBase = Params.string(ctx, "chart_base", null);
            runner.run("incident_report", () -> {
                IncidentReport report = assemble(id);
                if (format.equals("pdf")) {
                    return Buffer.buffer(pdf.write(report, charts.usersView(report)));
                }
                String base = chartBase != null ? trimSlash(chartBase) : IncidentHandler.PATH + "/" + id + "/report/charts";
                return Buffer.buffer(markdown.write(report, base).getBytes(StandardCharsets.UTF_8));
            }).onSuccess(body -> {
                if (format.equals("pdf")) {
                    ctx.response().putHeader("Content-Type", "application/pdf")
                            .putHeader("Content-Disposition", "inline; filename=\"incident-" + id + ".pdf\"").end(body);
                } else {
                    ctx.response().putHeader("Content-Type", "text/markdown; charset=utf-8").end(body);
                }
            }).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> chart() {
        return ctx -> {
            String id = id(ctx);
            String name = ctx.pathParam("name");
            if (!IncidentChartRenderer.USERS_VIEW_FILE.equals(name)) {
                throw new ApiException(404, "not_found", "no chart '" + name + "'; the incident report has "
                        + IncidentChartRenderer.USERS_VIEW_FILE);
            }
            runner.run("incident_report_chart", () -> Buffer.buffer(charts.usersView(assemble(id))))
                    .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png").end(png)).onFailure(ctx::fail);
        };
    }

    private IncidentReport assemble(String id) {
        Incident incident = incidents.get(id).orElseThrow(() -> new ApiException(404, "not_found", "no incident '" + id + "'"));
        // The stored state changes on resolve and re-analysis; a report of an older state is not reused.
        String key = id + "/" + incident.status() + "/" + incident.timeline().size() + "/" + incident.rca().hashCode();
        synchronized (recent) {
            Cached cached = recent.get(key);
            if (cached != null && System.nanoTime() - cached.createdNanos() < REUSE_NANOS) {
                return cached.report();
            }
        }
        IncidentReport report = assembler.assemble(incident, step -> { });
        synchronized (recent) {
            recent.put(key, new Cached(report, System.nanoTime()));
        }
        return report;
    }

    private static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!IncidentIds.isValid(id)) {
            throw ApiException.badRequest("'id' must be an incident id such as 20261102-k3f9qz (8 digits, '-', 6 of a-z0-9)");
        }
        return id;
    }

    private static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
