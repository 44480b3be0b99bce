package dev.vigil.api.http;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.MonitorSettings;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.bottlenecks.BottleneckAnalyzer;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.analytics.query.PipelineQueryEngine;
import dev.vigil.analytics.patterns.TemplateMiner;
import dev.vigil.analytics.patterns.summary.PatternChangeDetector;
import dev.vigil.analytics.patterns.summary.PatternSummarizer;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.search.EventHistogram;
import dev.vigil.analytics.search.EventQueryParser;
import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStore;
import dev.vigil.reports.health.HealthReportAssembler;
import dev.vigil.reports.health.HealthSources;
import dev.vigil.reports.incident.IncidentReportAssembler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The routes of Vigil's HTTP API (see docs/api.md). Wiring only: handlers do the work. */
public final class HttpApi {
    private HttpApi() {
    }

    /**
     * Without a template store (the patterns routes answer with no templates) and without the live
     * anomaly monitor (anomalies of past windows are scanned on request, the ledger kept in memory).
     */
    public static Router router(Vertx vertx, EventPipeline pipeline, PrometheusMeterRegistry registry, long bodyLimitBytes) {
        return router(vertx, pipeline, new TemplateMiner(), registry, bodyLimitBytes, IngestLimits.defaults(),
                AnomalyMonitor.open(pipeline, null, MonitorSettings.defaults(java.time.Duration.ZERO)));
    }

    /** With incidents kept in memory only (they do not survive a restart). */
    public static Router router(Vertx vertx, EventPipeline pipeline, TemplateCatalog templates, PrometheusMeterRegistry registry,
                                long bodyLimitBytes, IngestLimits limits, AnomalyMonitor anomalies) {
        return router(vertx, pipeline, templates, registry, bodyLimitBytes, limits, anomalies,
                IncidentService.create(IncidentStore.inMemory(), pipeline, new RootCauseAnalyzer(pipeline), IncidentHandler::rcaDocument,
                        anomalies));
    }

    /**
     * @param templates the log templates the index's template ids resolve through
     * @param limits    line, label and label value limits of the receivers that check them
     * @param anomalies the anomaly monitor {@code /api/v1/anomalies} reads and scans through
     * @param incidents the incidents {@code /api/v1/incidents} opens, lists and resolves
     */
    public static Router router(Vertx vertx, EventPipeline pipeline, TemplateCatalog templates, PrometheusMeterRegistry registry,
                                long bodyLimitBytes, IngestLimits limits, AnomalyMonitor anomalies, IncidentService incidents) {
        return router(vertx, pipeline, templates, registry, bodyLimitBytes, limits, anomalies, incidents, HealthSources.NONE);
    }

    /**
     * @param health what the health report reads beyond this router's own parts (SLOs, probe targets);
     *               the incidents, change verdicts and anomaly monitor given here are added to it
     */
    public static Router router(Vertx vertx, EventPipeline pipeline, TemplateCatalog templates, PrometheusMeterRegistry registry,
                                long bodyLimitBytes, IngestLimits limits, AnomalyMonitor anomalies, IncidentService incidents,
                                HealthSources health) {
        Router router = Router.router(vertx);
        QueryRunner runner = new QueryRunner(vertx, registry);
        IngestMeters meters = new IngestMeters(registry);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimitBytes).setHandleFileUploads(false);

        router.post("/api/v1/logs").handler(body).handler(IngestHandler.create(vertx, pipeline, EventKind.LOG, meters, bodyLimitBytes));
        router.post("/api/v1/metrics").handler(body).handler(IngestHandler.create(vertx, pipeline, EventKind.METRIC, meters, bodyLimitBytes));
        router.post("/api/v1/events").handler(body).handler(IngestHandler.create(vertx, pipeline, EventKind.CHANGE, meters, bodyLimitBytes));
        router.post("/api/v1/spans").handler(body).handler(IngestHandler.create(vertx, pipeline, EventKind.SPAN, meters, bodyLimitBytes));

        EventSearcher searcher = new EventSearcher(pipeline, new EventQueryParser(templates::aliases));
        router.get("/api/v1/logs/search").handler(SearchHandler.create(searcher, runner, "log"));
        router.get("/api/v1/events/search").handler(SearchHandler.create(searcher, runner, "change"));
        router.get("/api/v1/spans/search").handler(SearchHandler.create(searcher, runner, "span"));
        router.get("/api/v1/logs/histogram").handler(HistogramHandler.create(new EventHistogram(pipeline), runner));
        router.get("/api/v1/bottlenecks").handler(BottlenecksHandler.create(new BottleneckAnalyzer(pipeline), runner));
        router.get("/api/v1/query").handler(QueryHandler.create(new PipelineQueryEngine(pipeline, templates), runner));
        router.get("/api/v1/patterns").handler(PatternsHandler.create(new PatternSummarizer(pipeline, templates), runner));
        router.get("/api/v1/patterns/changes").handler(PatternChangesHandler.create(new PatternChangeDetector(pipeline, templates), runner));

        MetricQueryEngine metrics = new MetricQueryEngine(pipeline);
        router.get("/api/v1/metrics/query").handler(MetricQueryHandler.create(metrics, runner));
        router.get("/api/v1/metrics/names").handler(ctx -> runner.run("metric_names", metrics::metricNames)
                .onSuccess(names -> Responses.json(ctx, 200, new JsonObject().put("names", names))).onFailure(ctx::fail));
        router.get("/api/v1/analytics/endpoints").handler(EndpointStatsHandler.create(new RequestStatsCalculator(pipeline), runner));
        router.get("/api/v1/analytics/anomalies").handler(AnomalyHandler.create(metrics, runner));
        router.get("/api/v1/anomalies").handler(AnomaliesHandler.create(anomalies, runner));

        router.post("/api/v1/rca").handler(body).handler(RcaHandler.create(new RootCauseAnalyzer(pipeline), runner));
        ChangeIntelligence changeIntelligence = new ChangeIntelligence(pipeline, templates);
        ChangesHandler changes = new ChangesHandler(changeIntelligence, runner);
        router.get("/api/v1/changes").handler(changes.list());
        router.get("/api/v1/changes/:id").handler(changes.get());
        router.get("/api/v1/changes/:id/verdict").handler(changes.verdict());
        IncidentHandler incidentRoutes = IncidentHandler.create(incidents, runner);
        router.post("/api/v1/incidents").handler(body).handler(incidentRoutes.open());
        router.get("/api/v1/incidents").handler(incidentRoutes.list());
        router.get("/api/v1/incidents/:id").handler(incidentRoutes.get());
        router.post("/api/v1/incidents/:id/resolve").handler(body).handler(incidentRoutes.resolve());
        router.post("/api/v1/incidents/:id/reanalyze").handler(body).handler(incidentRoutes.reanalyze());
        IncidentReportHandler incidentReports = IncidentReportHandler.create(incidents,
                new IncidentReportAssembler(pipeline, new ChangeIntelligence(pipeline, templates)), runner);
        router.get("/api/v1/incidents/:id/report").handler(incidentReports.report());
        router.get("/api/v1/incidents/:id/report/charts/:name").handler(incidentReports.chart());
        HealthReportHandler reports = new HealthReportHandler(new HealthReportAssembler(pipeline,
                health.withIncidents(incidents).withChanges(changeIntelligence).withAnomalies(anomalies)), runner);
        router.get("/api/v1/reports/health").handler(reports.report());
        router.get("/api/v1/reports/health/charts/:name").handler(reports.chart());

        // Protocol receivers: one line each, so they can be added independently (docs/receivers/).
        // receivers:begin
        dev.vigil.api.receivers.gelf.GelfHttpReceiver.mount(router, vertx, pipeline, registry, body, bodyLimitBytes);
        dev.vigil.api.receivers.otlp.OtlpReceiver.mount(router, vertx, pipeline, registry, bodyLimitBytes);
        dev.vigil.api.receivers.loki.LokiPushReceiver.mount(router, vertx, pipeline, registry, body, bodyLimitBytes, limits);
        dev.vigil.api.receivers.promrw.RemoteWriteReceiver.mount(router, vertx, pipeline, registry, bodyLimitBytes);
        dev.vigil.api.receivers.elasticsearch.ElasticsearchReceiver.mount(router, vertx, pipeline, registry, bodyLimitBytes);
        // receivers:end

        StatusHandlers status = new StatusHandlers(pipeline, registry, runner);
        router.get("/health").handler(status.health());
        router.get("/ready").handler(status.ready());
        router.get("/metrics").handler(status.prometheus());

        router.route().last().handler(ctx -> Responses.error(ctx, 404, "not_found",
                "no route for " + ctx.request().method() + " " + ctx.request().path() + "; see docs/api.md"));
        router.route().failureHandler(ctx -> {
            if (ctx.failure() != null) {
                Responses.failure(ctx, ctx.failure());
            } else {
                int code = ctx.statusCode();
                String reason = switch (code) {
                    case 413 -> "request body is larger than the limit of " + bodyLimitBytes
                            + " bytes (setting " + RequestBodies.BODY_LIMIT_SETTING + "); split it into smaller batches";
                    case 405 -> "method not allowed";
                    case 404 -> "not found";
                    default -> "request failed";
                };
                Responses.error(ctx, code, code == 413 ? "body_too_large" : "http_" + code, reason);
            }
        });
        return router;
    }
}
