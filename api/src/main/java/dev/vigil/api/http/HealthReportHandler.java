package dev.vigil.api.http;

import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.reports.health.ChartRenderer;
import dev.vigil.reports.health.HealthReport;
import dev.vigil.reports.health.HealthReportAssembler;
import dev.vigil.reports.health.MarkdownReportWriter;
import dev.vigil.reports.health.PdfReportWriter;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/reports/health?from&to&format=md|pdf}. Markdown links its charts to
 * {@code /api/v1/reports/health/charts/NAME.png} for the same window (or under {@code chart_base}
 * when given, for reports saved next to their charts); the PDF embeds them.
 * {@code GET /api/v1/reports/health/charts/:name} serves one chart: {@code request-rate.png},
 * {@code error-rate.png}, {@code p95-latency.png}, and {@code slo-budget.png} when the window has SLOs.
 * What the report reads beyond the pipeline (SLOs, incidents, change verdicts, recorded anomalies,
 * probe targets) is decided by the {@link HealthReportAssembler} given; assembly and rendering run on
 * worker threads through the {@link QueryRunner}.
 */
public final class HealthReportHandler {
    private final HealthReportAssembler assembler;
    private final QueryRunner runner;
    private final ChartRenderer charts = new ChartRenderer();
    private final MarkdownReportWriter markdown = new MarkdownReportWriter();
    private final PdfReportWriter pdf = new PdfReportWriter();
    /**
     * A report is assembled once per window and reused briefly: the Markdown, the PDF and three
     * charts of one window are five requests, and assembling runs root-cause analysis.
     */
    private final Map<String, Cached> recent = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > 8;
        }
    };
    private static final long REUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private record Cached(HealthReport report, long createdNanos) {
    }

    public HealthReportHandler(HealthReportAssembler assembler, QueryRunner runner) {
        this.assembler = assembler;
        this.runner = runner;
    }

    public Handler<RoutingContext> report() {
        return ctx -> {
            TimeRange range = Params.range(ctx);
            String format = Params.string(ctx, "format", "md");
            if (!format.equals("md") && !format.equals("pdf")) {
                throw ApiException.badRequest("parameter 'format' must be md or pdf, got '" + format + "'");
            }
            String chartBase = Params.string(ctx, "chart_base", null);
            runner.run("report", () -> {
                HealthReport report = assemble(range);
                if (format.equals("pdf")) {
                    return Buffer.buffer(pdf.write(report, charts.renderAll(report)));
                }
                String text = chartBase != null
                        ? markdown.write(report, trimSlash(chartBase))
                        : markdown.write(report, "/api/v1/reports/health/charts")
                                .replaceAll("(/api/v1/reports/health/charts/[a-z0-9-]+\\.png)",
                                        "$1?from=" + range.from() + "&to=" + range.to());
                return Buffer.buffer(text);
            }).onSuccess(body -> {
                if (format.equals("pdf")) {
                    ctx.response().putHeader("Content-Type", "application/pdf")
                            .putHeader("Content-Disposition", "inline; filename=\"health-report.pdf\"").end(body);
                } else {
                    ctx.response().putHeader("Content-Type", "text/markdown; charset=utf-8").end(body);
                }
            }).onFailure(ctx::fail);
        };
    }

    public Handler<RoutingContext> chart() {
        return ctx -> {
            TimeRange range = Params.range(ctx);
            String name = ctx.pathParam("name");
            runner.run("report_chart", () -> {
                HealthReport report = assemble(range);
                // Only the chart asked for is drawn: a Markdown report's four image requests would otherwise draw sixteen.
                byte[] png = switch (name) {
                    case ChartRenderer.REQUEST_RATE_FILE -> charts.requestRateChart(report);
                    case ChartRenderer.ERROR_RATE_FILE -> charts.errorRateChart(report);
                    case ChartRenderer.P95_LATENCY_FILE -> charts.p95LatencyChart(report);
                    case ChartRenderer.SLO_BUDGET_FILE -> report.slos().isEmpty() ? null : charts.sloBudgetChart(report);
                    default -> null;
                };
                if (png == null) {
                    throw new ApiException(404, "not_found", "no chart '" + name + "'; charts are " + String.join(", ",
                            ChartRenderer.REQUEST_RATE_FILE, ChartRenderer.ERROR_RATE_FILE, ChartRenderer.P95_LATENCY_FILE)
                            + " and, when the window has SLOs, " + ChartRenderer.SLO_BUDGET_FILE);
                }
                return Buffer.buffer(png);
            }).onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png").end(png)).onFailure(ctx::fail);
        };
    }

    private HealthReport assemble(TimeRange range) {
        String key = range.fromNanos() + "/" + range.toNanos();
        synchronized (recent) {
            Cached cached = recent.get(key);
            if (cached != null && System.nanoTime() - cached.createdNanos() < REUSE_NANOS) {
                return cached.report();
            }
        }
        HealthReport report = assembler.assemble(range, step -> { });
        synchronized (recent) {
            recent.put(key, new Cached(report, System.nanoTime()));
        }
        return report;
    }

    private static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
