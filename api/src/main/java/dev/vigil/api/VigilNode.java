package dev.vigil.api;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.MonitorSettings;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.analytics.slo.BurnRateEvaluator;
import dev.vigil.analytics.slo.SloRepository;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.api.http.AlertsHandler;
import dev.vigil.api.http.HttpApi;
import dev.vigil.api.http.IncidentHandler;
import dev.vigil.api.http.PlanHandler;
import dev.vigil.api.http.QueryRunner;
import dev.vigil.api.http.ProbesHandler;
import dev.vigil.api.http.ReportsListHandler;
import dev.vigil.api.http.SloHandler;
import dev.vigil.api.http.UptimeHandler;
import dev.vigil.api.notify.AlertScheduler;
import dev.vigil.api.notify.NotificationTargets;
import dev.vigil.api.notify.Notifier;
import dev.vigil.api.probes.ProbeDefinition;
import dev.vigil.api.probes.ProbeRepository;
import dev.vigil.api.probes.ProbeScheduler;
import dev.vigil.ingest.DiskSpaceGuard;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.DocumentEnricher;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertingConfig;
import dev.vigil.rca.alerts.AnalyticsChecker;
import dev.vigil.rca.alerts.IncidentServiceOpener;
import dev.vigil.rca.alerts.SloBurnRates;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStore;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.reports.health.HealthReportAssembler;
import dev.vigil.reports.health.HealthSources;
import dev.vigil.reports.health.ReportFiles;
import dev.vigil.reports.schedule.ReportScheduler;
import dev.vigil.reports.schedule.ReportStore;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.reports.plan.PlanFactsCollector;
import dev.vigil.reports.plan.PlanUpdater;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Vigil: opens the journal and index (replaying what the index lacks), then Vert.x and
 * the HTTP server; closes them in reverse. The table of contents of the server.
 */
public final class VigilNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VigilNode.class);
    private static final long SLO_TICK_MS = 30_000;
    private static final long REPORT_TICK_MS = 300_000;
    private static final java.time.Duration PLAN_CHECK = java.time.Duration.ofSeconds(60);
    private static final java.time.Duration PLAN_DEBOUNCE = java.time.Duration.ofSeconds(5);

    private final EventPipeline pipeline;
    private final TemplateStore templates;
    private final AnomalyMonitor anomalies;
    private final IncidentService incidents;
    private final Vertx vertx;
    private final HttpServer server;
    private final List<Receiver> receivers;
    private final AlertEngine alerts;
    private final AlertScheduler alertScheduler;
    private final BurnRateEvaluator burnRates;
    private final ProbeScheduler probes;
    private final PlanUpdater plan;

    /** A running non-HTTP receiver (syslog, GELF): its bound port, closed before Vert.x. */
    public interface Receiver extends AutoCloseable {
        String name();

        int port();

        @Override
        void close();
    }

    private VigilNode(EventPipeline pipeline, TemplateStore templates, AnomalyMonitor anomalies, IncidentService incidents, Vertx vertx,
                      HttpServer server, List<Receiver> receivers, BurnRateEvaluator burnRates, ProbeScheduler probes,
                      AlertEngine alerts, AlertScheduler alertScheduler, PlanUpdater plan) {
        this.pipeline = pipeline;
        this.templates = templates;
        this.anomalies = anomalies;
        this.incidents = incidents;
        this.vertx = vertx;
        this.server = server;
        this.receivers = receivers;
        this.burnRates = burnRates;
        this.probes = probes;
        this.alerts = alerts;
        this.alertScheduler = alertScheduler;
        this.plan = plan;
    }

    public static VigilNode start(VigilConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        // Definitions first: an invalid SLO or probe file stops the start before anything is opened.
        SloRepository slos = SloRepository.open(config.dataDir().resolve("slos"), config.sloFile());
        ProbeRepository probeDefinitions = ProbeRepository.open(config.dataDir().resolve("probes"), config.probeFile());
        // Templates are read before the indexer starts: replay assigns the ids the store already knows.
        TemplateStore templates = TemplateStore.open(config.dataDir().resolve("templates"));
        EventPipeline pipeline = EventPipeline.open(config.pipeline(),
                config.logTemplates() ? new TemplateEnricher(templates) : DocumentEnricher.NONE);
        // Alert rules of the burn-rate kind read the same evaluator, so it exists before them.
        BurnRateEvaluator burnRates = new BurnRateEvaluator(slos, pipeline);
        Vertx vertx = null;
        AnomalyMonitor anomalies;
        try {
            anomalies = AnomalyMonitor.open(pipeline, config.dataDir().resolve("anomalies"), MonitorSettings.defaults(config.anomalyStep()));
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        AlertEngine alerts = null;
        try {
            IncidentService incidents = IncidentService.create(IncidentStore.open(config.dataDir().resolve("incidents")), pipeline,
                    new RootCauseAnalyzer(pipeline), IncidentHandler::rcaDocument, anomalies);
            // A bad alerting file stops the start with the field named, like a bad SLO file.
            AlertingConfig alerting = config.alertsConfig() == null ? AlertingConfig.defaults() : AlertingConfig.load(config.alertsConfig());
            alerts = AlertEngine.open(config.dataDir().resolve("alerts"), alerting,
                    new AnalyticsChecker(pipeline, templates, anomalies, new SloBurnRates(burnRates)), new IncidentServiceOpener(incidents));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            VigilMeters.bind(registry, pipeline);
            Gauge.builder("vigil.disk.free.bytes", pipeline.disk(), DiskSpaceGuard::freeBytes).baseUnit("bytes")
                    .description("usable bytes on the journal's disk; under min-free-disk ingest is refused").register(registry);
            vertx = Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
            HttpServerOptions options = new HttpServerOptions()
                    .setHost(config.host())
                    .setPort(config.port())
                    // Bodies arrive as sent: the handlers that take Content-Encoding undo it strictly
                    // (RequestBodies), and snappy bodies (remote write, Loki) reach their decoders raw.
                    .setDecompressionSupported(false)
                    .setCompressionSupported(true);
            ProbeScheduler probes = new ProbeScheduler(vertx, pipeline, probeDefinitions);
            // The health report (served and scheduled) reads SLOs, probe targets, incidents, verdicts and recorded anomalies.
            HealthSources healthSources = HealthSources.NONE.withSlos(burnRates).withIncidents(incidents).withAnomalies(anomalies)
                    .withChanges(new ChangeIntelligence(pipeline, templates))
                    .withProbeSla(name -> probeDefinitions.get(name).map(ProbeDefinition::slaPercent).orElse(Double.NaN));
            Router router = HttpApi.router(vertx, pipeline, templates, registry, config.bodyLimitBytes(), config.limits(), anomalies,
                    incidents, healthSources);
            SloHandler.mount(router, vertx, registry, slos, burnRates);
            ProbesHandler.mount(router, vertx, registry, probeDefinitions, probes);
            UptimeHandler.mount(router, vertx, registry, pipeline, probeDefinitions);
            AlertsHandler.mountAll(router, vertx, registry, alerts);
            ReportStore reportStore = new ReportStore(config.dataDir().resolve("reports"));
            ReportsListHandler.mount(router, vertx, registry, reportStore);
            AlertEngine alertSource = alerts;
            PlanUpdater plan = new PlanUpdater(config.planPath(), new PlanFactsCollector(pipeline, alertSource::alerts, incidents,
                    new ChangeIntelligence(pipeline, templates), java.time.Clock.systemUTC()), PLAN_DEBOUNCE);
            PlanHandler.mount(router, plan, new QueryRunner(vertx, registry));
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(router)
                    .listen()
                    .await(30, TimeUnit.SECONDS);
            LOG.info("Vigil listening on {}:{} with data in {}", config.host(), server.actualPort(), config.dataDir().toAbsolutePath());
            List<Receiver> receivers = new ArrayList<>();
            // Non-HTTP receivers, each started only when its port is not ReceiverPorts.OFF.
            // receivers:begin
            receivers.addAll(dev.vigil.api.receivers.syslog.SyslogReceivers.start(vertx, pipeline, registry, config.host(), config.receivers(),
                    config.syslogFrameLimit()));
            dev.vigil.api.receivers.gelf.GelfReceivers.start(vertx, pipeline, registry, config, receivers);
            // receivers:end
            startAnomalyTicks(vertx, pipeline, anomalies);
            startSloTicks(vertx, pipeline, burnRates);
            if (config.reportSchedule().enabled()) {
                startReportTicks(vertx, pipeline, new ReportScheduler(reportStore, new HealthReportAssembler(pipeline, healthSources), new ReportFiles(),
                        config.reportSchedule(), java.time.Clock.systemUTC()));
            }
            probes.sync();
            AlertScheduler alertScheduler = new AlertScheduler(vertx, alerts,
                    new Notifier(NotificationTargets.parse(vertx, alerting.notifications(), registry)), registry)
                    .start(java.time.Clock.systemUTC(), pipeline::ready);
            // Deploys, migrations, status changes, SLO alerts and incidents are noticed by the plan's own check.
            plan.start(PLAN_CHECK, pipeline::ready);
            return new VigilNode(pipeline, templates, anomalies, incidents, vertx, server, List.copyOf(receivers), burnRates, probes,
                    alerts, alertScheduler, plan);
        } catch (Exception e) {
            if (vertx != null) {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
            if (alerts != null) {
                alerts.close();
            }
            pipeline.close();
            throw e;
        }
    }

    /**
     * Runs the live anomaly monitor every step on a worker thread, once the journal replay has caught
     * up (earlier steps would miss data); a tick still running makes the next one skip.
     */
    private static void startAnomalyTicks(Vertx vertx, EventPipeline pipeline, AnomalyMonitor anomalies) {
        if (!anomalies.settings().live()) {
            return;
        }
        AtomicBoolean running = new AtomicBoolean();
        vertx.setPeriodic(anomalies.settings().step().toMillis(), id -> {
            if (!pipeline.ready() || !running.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> anomalies.tick(System.currentTimeMillis()), false)
                    .onComplete(done -> {
                        running.set(false);
                        if (done.failed()) {
                            LOG.warn("anomaly monitor tick failed: {}", done.cause().toString());
                        }
                    });
        });
    }

    /**
     * Evaluates the SLOs every {@value #SLO_TICK_MS} ms on a worker thread once the journal replay
     * has caught up, so burn-rate alert states (which hold with hysteresis) follow time whether or
     * not anyone asks; a tick still running makes the next one skip.
     */
    private static void startSloTicks(Vertx vertx, EventPipeline pipeline, BurnRateEvaluator burnRates) {
        AtomicBoolean running = new AtomicBoolean();
        vertx.setPeriodic(SLO_TICK_MS, id -> {
            if (!pipeline.ready() || !running.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> burnRates.statuses(java.time.Instant.now()), false)
                    .onComplete(done -> {
                        running.set(false);
                        if (done.failed()) {
                            LOG.warn("SLO evaluation failed: {}", done.cause().toString());
                        }
                    });
        });
    }

    /**
     * Writes the scheduled reports that are due every {@value #REPORT_TICK_MS} ms on a worker thread
     * once the journal replay has caught up (a report of a half-replayed day would be wrong); a run
     * still going makes the next one skip.
     */
    private static void startReportTicks(Vertx vertx, EventPipeline pipeline, ReportScheduler reports) {
        AtomicBoolean running = new AtomicBoolean();
        vertx.setPeriodic(REPORT_TICK_MS, id -> {
            if (!pipeline.ready() || !running.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(reports::runDue, false)
                    .onComplete(done -> {
                        running.set(false);
                        if (done.failed()) {
                            LOG.warn("scheduled reports failed: {}", done.cause().toString());
                        }
                    });
        });
    }

    /** SLO evaluation: SLI, error budgets, burn rates and burn-rate alert states ({@code evaluate(now)}). */
    public BurnRateEvaluator burnRates() {
        return burnRates;
    }

    /** The uptime probes: schedule, latest status per probe, check now. */
    public ProbeScheduler probes() {
        return probes;
    }

    /** The anomaly monitor (live ticks and on-demand scans of past windows). */
    public AnomalyMonitor anomalies() {
        return anomalies;
    }

    /** Incidents: opened over HTTP or, through {@link IncidentService#openFromAlert}, by alerts. */
    public IncidentService incidents() {
        return incidents;
    }

    /** The alert scheduler: its engine holds rules, alerts, silences and history; {@code tick(now)} runs one evaluation. */
    public AlertScheduler alerts() {
        return alertScheduler;
    }

    /**
     * The system implementation plan: {@code requestUpdate(reason)} is the hook for events that
     * should show in it soon (an incident opened or closed); it also checks for them every minute.
     */
    public PlanUpdater plan() {
        return plan;
    }

    public int port() {
        return server.actualPort();
    }

    public EventPipeline pipeline() {
        return pipeline;
    }

    /** The log templates mined so far (the patterns API and the query language read them). */
    public TemplateStore templates() {
        return templates;
    }

    /** The bound port of the named receiver (e.g. "syslog-tcp"), or -1 when it is off. */
    public int receiverPort(String name) {
        for (Receiver receiver : receivers) {
            if (receiver.name().equals(name)) {
                return receiver.port();
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            plan.close();
            alertScheduler.close();
            for (int i = receivers.size() - 1; i >= 0; i--) {
                receivers.get(i).close();
            }
            probes.close();
            server.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        } finally {
            alerts.close();
            try {
                anomalies.close();
            } catch (RuntimeException e) {
                LOG.warn("anomalies in progress were not stored: {}", e.toString());
            }
            pipeline.close();
        }
    }
}
