package dev.vigil.reports.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.anomaly.monitor.Anomaly;
import dev.vigil.analytics.anomaly.monitor.AnomalyQuery;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.uptime.ProbeUptime;
import dev.vigil.analytics.uptime.UptimeCalculator;
import dev.vigil.analytics.anomaly.AnomalyEpisode;
import dev.vigil.analytics.anomaly.AnomalyScorer;
import dev.vigil.analytics.anomaly.RobustBaseline;
import dev.vigil.analytics.requests.BucketStats;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.RequestStats;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.requests.ServiceStats;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.rca.AnomalousSignal;
import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;

/**
 * Fills a {@link HealthReport} for a window from analytics and RCA:
 * <ol>
 *   <li>request statistics per service and endpoint, per minute;</li>
 *   <li>anomalies in each service's error rate and p95 latency against a trailing baseline;</li>
 *   <li>anomalies that overlap in time grouped into incidents, and the RCA of each incident (or of
 *       the whole window when none stands out);</li>
 *   <li>the same statistics for the window of the same length before, for the change columns;</li>
 *   <li>uptime per probe from recorded {@code probe_success} samples;</li>
 *   <li>from the optional {@link HealthSources}: SLOs with their budget through the window, incidents,
 *       changes with verdicts and the anomaly monitor's episodes;</li>
 *   <li>recommendations derived from all of the above ({@link RecommendationDeriver}).</li>
 * </ol>
 * Every step reads the index on the calling thread: call it from a worker. A source that fails is
 * reported through {@code progress} and leaves its section empty rather than failing the report.
 * Thread-safe.
 */
public final class HealthReportAssembler {
    /** A minute is "up" for uptime when under this share of its requests failed. */
    static final double UP_ERROR_RATE = 0.05;
    static final double DOWN_ERROR_RATE = 0.5;
    /** One failure among a handful of requests is noise, not an outage minute. */
    static final int MIN_ERRORS_FOR_DOWN = 3;
    /** Buckets with fewer requests give no reliable error rate for anomaly scoring. */
    static final int MIN_REQUESTS_FOR_SCORING = 5;
    /** Below this, a bucket's p95 is nearly its maximum: one slow request, not a trend. */
    static final int MIN_REQUESTS_FOR_P95 = 20;
    private static final int TRAILING_BUCKETS = 30;
    private static final int MIN_HISTORY = 10;
    private static final Duration INCIDENT_GAP = Duration.ofMinutes(5);
    private static final int CANDIDATES_PER_INCIDENT = 3;

    private final RequestStatsCalculator requests;
    private final RootCauseAnalyzer rca;
    private final UptimeCalculator uptime;
    private final HealthSources sources;

    /** Without SLOs, incidents, change verdicts or the anomaly monitor. */
    public HealthReportAssembler(EventPipeline pipeline) {
        this(pipeline, HealthSources.NONE);
    }

    /** @param sources the optional inputs; {@link HealthSources#NONE} for none */
    public HealthReportAssembler(EventPipeline pipeline, HealthSources sources) {
        this.requests = new RequestStatsCalculator(pipeline);
        this.rca = new RootCauseAnalyzer(pipeline);
        this.uptime = new UptimeCalculator(new MetricQueryEngine(pipeline));
        this.sources = sources == null ? HealthSources.NONE : sources;
    }

    /**
     * @param progress receives a short message before each step; must not throw
     */
    public HealthReport assemble(TimeRange window, Consumer<String> progress) {
        progress.accept("computing request statistics");
        long bucketMillis = Math.max(60_000, window.niceStep(240).toMillis());
        RequestStats stats = requests.compute(window, Duration.ofMillis(bucketMillis), null);
        List<ServiceHealth> services = new ArrayList<>();
        List<ServiceTimeline> timelines = new ArrayList<>();
        List<AnomalyFinding> anomalies = new ArrayList<>();
        List<Instant[]> episodes = new ArrayList<>();
        List<AnomalySpan> spans = new ArrayList<>();
        progress.accept("scoring anomalies for " + stats.services().size() + " services");
        for (ServiceStats service : stats.services()) {
            ServiceTimeline timeline = timeline(service, bucketMillis);
            timelines.add(timeline);
            services.add(health(service, timeline));
            double[][] scored = scoredSeries(service, timeline);
            findAnomalies(service.service(), "error rate", scored[0], timeline.bucketStarts(), bucketMillis, anomalies, episodes);
            findAnomalies(service.service(), "p95 latency", scored[1], timeline.bucketStarts(), bucketMillis, anomalies, episodes);
        }
        for (int i = 0; i < episodes.size(); i++) {
            AnomalyFinding finding = anomalies.get(i);
            spans.add(new AnomalySpan(finding.service(), finding.subject().equals("error rate") ? AnomalySpan.Signal.ERROR_RATE
                    : AnomalySpan.Signal.P95_LATENCY, episodes.get(i)[0], episodes.get(i)[1]));
        }
        List<EndpointHealth> endpoints = new ArrayList<>();
        double totalTime = 0;
        for (EndpointStats endpoint : stats.endpoints()) {
            totalTime += endpoint.latency().totalMs();
        }
        List<Bottleneck> bottlenecks = new ArrayList<>();
        for (EndpointStats endpoint : stats.endpoints()) {
            endpoints.add(new EndpointHealth(endpoint.service(), endpoint.endpoint(), endpoint.requests(), endpoint.ratePerSecond(),
                    endpoint.errorRate(), endpoint.latency().p50Ms(), endpoint.latency().p95Ms(), endpoint.latency().p99Ms()));
            double share = totalTime == 0 ? 0 : 100 * endpoint.latency().totalMs() / totalTime;
            bottlenecks.add(new Bottleneck(endpoint.service(), endpoint.endpoint(), endpoint.latency().p99Ms(), share,
                    bottleneckReason(endpoint)));
        }
        bottlenecks.sort(Comparator.comparingDouble(Bottleneck::timeSharePercent).reversed());
        List<Bottleneck> topBottlenecks = List.copyOf(bottlenecks.subList(0, Math.min(5, bottlenecks.size())));

        List<RootCauseLine> rootCauses = new ArrayList<>();
        List<TimeRange> incidents = incidents(episodes, window);
        if (incidents.isEmpty()) {
            incidents = List.of(window);
        }
        List<RcaResult> results = new ArrayList<>();
        int done = 0;
        for (TimeRange incident : incidents) {
            progress.accept("root-cause analysis " + (++done) + "/" + incidents.size() + " for " + incident);
            results.add(rca.analyze(new RcaRequest(incident, null)));
        }
        // The incident whose explanation is most certain leads, so the summary names it.
        List<RcaResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingDouble((RcaResult r) -> r.top() == null ? 0 : r.top().score()).reversed());
        for (RcaResult result : ordered) {
            int index = results.indexOf(result) + 1;
            TimeRange incident = result.window();
            for (AnomalousSignal signal : result.signals()) {
                if (signal.kind() != dev.vigil.rca.CandidateKind.ENDPOINT) {
                    boolean logPattern = signal.kind() == dev.vigil.rca.CandidateKind.LOG_PATTERN;
                    anomalies.add(new AnomalyFinding(signal.service(), logPattern ? "log: " + signal.subject()
                            : HealthFormat.readable(signal.subject(), window.from()),
                            signal.onset(), Math.abs(signal.peakScore()), signal.peakValue(), signal.baseline(),
                            logPattern ? ValueUnit.PER_MINUTE : ValueUnit.ofMetricName(signal.subject())));
                }
            }
            String prefix = incidents.size() > 1 || incident != window
                    ? "Incident " + index + " (" + HealthFormat.window(incident.from(), incident.to()) + "): " : "";
            for (RootCauseCandidate candidate : result.candidates().subList(0, Math.min(CANDIDATES_PER_INCIDENT, result.candidates().size()))) {
                List<String> evidence = new ArrayList<>();
                candidate.evidence().forEach(e -> evidence.add(HealthFormat.readable(e.description(), window.from())));
                rootCauses.add(new RootCauseLine(rootCauses.size() + 1, candidate.kind().label(), candidate.service(),
                        HealthFormat.readable(candidate.subject(), window.from()), candidate.score(), candidate.onset(),
                        prefix + HealthFormat.readable(candidate.explanation(), window.from()), evidence));
            }
        }
        progress.accept("comparing with the previous window");
        List<ServicePerformance> performance = performance(stats, window);
        progress.accept("computing probe uptime");
        List<ProbeUptime> probes = optional("uptime", progress,
                () -> uptime.compute(window, null, sources.probeSla() == null ? name -> Double.NaN : sources.probeSla()));
        Instant now = Instant.now();
        List<SloLine> slos = List.of();
        if (sources.slos() != null) {
            progress.accept("evaluating SLOs");
            slos = optional("SLOs", progress, () -> new SloCollector(sources.slos()).collect(window, now));
        }
        List<IncidentLine> incidentLines = List.of();
        if (sources.incidents() != null) {
            progress.accept("listing incidents");
            incidentLines = optional("incidents", progress, () -> new IncidentCollector(sources.incidents()).collect(window));
        }
        List<ChangeLine> changes = List.of();
        if (sources.changes() != null) {
            progress.accept("judging changes");
            changes = optional("changes", progress, () -> new ChangeCollector(sources.changes()).collect(window));
        }
        if (sources.anomalies() != null) {
            progress.accept("reading recorded anomalies");
            List<Anomaly> recorded = optional("anomalies", progress,
                    () -> sources.anomalies().anomalies(new AnomalyQuery(window, null, 0, null), now.toEpochMilli()));
            addRecorded(recorded, anomalies, spans);
        }
        anomalies.sort(Comparator.comparing(AnomalyFinding::onset, Comparator.nullsLast(Comparator.naturalOrder())));
        HealthReport report = new HealthReport(window.from(), window.to(), now, services, endpoints, topBottlenecks,
                anomalies, rootCauses, timelines, performance, slos, probes, incidentLines, changes, spans, List.of());
        progress.accept("deriving recommendations");
        return report.withRecommendations(RecommendationDeriver.derive(report));
    }

    private static <T> List<T> optional(String what, Consumer<String> progress, java.util.function.Supplier<List<T>> source) {
        try {
            return source.get();
        } catch (RuntimeException e) {
            // One source failing (e.g. a window longer than the anomaly monitor scans) leaves its section empty.
            progress.accept(what + " unavailable: " + e.getMessage());
            return List.of();
        }
    }

    /** This window's figures per service against the window of the same length right before it. */
    private List<ServicePerformance> performance(RequestStats stats, TimeRange window) {
        TimeRange before = window.preceding(window.length());
        java.util.Map<String, ServiceStats> previous = new java.util.HashMap<>();
        for (ServiceStats s : requests.compute(before, window.length(), null).services()) {
            previous.put(s.service(), s);
        }
        double seconds = window.length().toMillis() / 1000.0;
        List<ServicePerformance> out = new ArrayList<>();
        for (ServiceStats s : stats.services()) {
            ServiceStats p = previous.get(s.service());
            out.add(new ServicePerformance(s.service(), figures(s, seconds), p == null ? PerformanceFigures.NONE : figures(p, seconds)));
        }
        return out;
    }

    private static PerformanceFigures figures(ServiceStats s, double seconds) {
        boolean requests = s.requests() > 0;
        long count = requests ? s.requests() : s.logLines();
        if (count == 0) {
            return PerformanceFigures.NONE;
        }
        return new PerformanceFigures(count, count / seconds, s.errorRate(), requests ? s.latency().p50Ms() : Double.NaN,
                requests ? s.latency().p95Ms() : Double.NaN, requests ? s.latency().p99Ms() : Double.NaN);
    }

    /** The monitor's episodes: spans for every one, table rows for those the window's own scoring did not find. */
    private static void addRecorded(List<Anomaly> recorded, List<AnomalyFinding> anomalies, List<AnomalySpan> spans) {
        for (Anomaly a : recorded) {
            var signal = a.signal();
            AnomalySpan.Signal kind = switch (signal.kind()) {
                case REQUEST_RATE -> AnomalySpan.Signal.REQUEST_RATE;
                case ERROR_RATE -> AnomalySpan.Signal.ERROR_RATE;
                case LATENCY_P95 -> AnomalySpan.Signal.P95_LATENCY;
                default -> AnomalySpan.Signal.OTHER;
            };
            String subject = switch (signal.kind()) {
                case REQUEST_RATE -> "request rate";
                case ERROR_RATE -> "error rate";
                case LATENCY_P95 -> "p95 latency";
                case LOG_RATE -> "log rate";
                case TEMPLATE_RATE -> "log: " + (signal.template() == null ? signal.series() : signal.template());
                default -> HealthFormat.readable(signal.series(), null);
            };
            ValueUnit unit = switch (signal.kind()) {
                case ERROR_RATE -> ValueUnit.RATIO;
                case LATENCY_P95 -> ValueUnit.MILLISECONDS;
                case REQUEST_RATE, LOG_RATE, TEMPLATE_RATE -> ValueUnit.PER_SECOND;
                default -> ValueUnit.ofMetricName(signal.series());
            };
            String service = signal.service() == null ? "" : signal.service();
            spans.add(new AnomalySpan(service, kind, a.onset(), a.end()));
            boolean known = false;
            for (AnomalyFinding f : anomalies) {
                if (f.service().equals(service) && f.subject().equals(subject) && f.onset() != null
                        && Math.abs(Duration.between(f.onset(), a.onset()).toMinutes()) <= INCIDENT_GAP.toMinutes()) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                anomalies.add(new AnomalyFinding(service, subject, a.onset(), a.score(), a.observed(), a.expected(), unit));
            }
        }
    }

    private static ServiceTimeline timeline(ServiceStats service, long bucketMillis) {
        int n = service.buckets().size();
        List<Instant> starts = new ArrayList<>(n);
        double[] rate = new double[n];
        double[] errorRate = new double[n];
        double[] p95 = new double[n];
        for (int i = 0; i < n; i++) {
            BucketStats bucket = service.buckets().get(i);
            starts.add(Instant.ofEpochMilli(bucket.startMillis()));
            if (service.requests() > 0) {
                rate[i] = bucket.requests() / (bucketMillis / 1000.0);
                errorRate[i] = bucket.requests() == 0 ? Double.NaN : bucket.errorRate();
                p95[i] = bucket.latency().p95Ms();
            } else {
                // No access logs: log lines stand in for requests, error-level lines for failures.
                long logs = service.logCounts()[i];
                rate[i] = logs / (bucketMillis / 1000.0);
                errorRate[i] = logs == 0 ? Double.NaN : (double) service.errorLogCounts()[i] / logs;
                p95[i] = Double.NaN;
            }
        }
        return new ServiceTimeline(service.service(), starts, rate, errorRate, p95);
    }

    /** Error rate and p95 per bucket, blanked where too few requests make them noise. */
    private static double[][] scoredSeries(ServiceStats service, ServiceTimeline timeline) {
        double[] errorRate = timeline.errorRate().clone();
        double[] p95 = timeline.p95Ms().clone();
        if (service.requests() > 0) {
            for (int i = 0; i < errorRate.length; i++) {
                long requests = service.buckets().get(i).requests();
                if (requests < MIN_REQUESTS_FOR_SCORING) {
                    errorRate[i] = Double.NaN;
                }
                if (requests < MIN_REQUESTS_FOR_P95) {
                    p95[i] = Double.NaN;
                }
            }
        }
        return new double[][] {errorRate, p95};
    }

    /** Status at the end of the window (the last five buckets), uptime over all of it. */
    private static ServiceHealth health(ServiceStats service, ServiceTimeline timeline) {
        double[] errors = timeline.errorRate();
        int n = errors.length;
        int measured = 0;
        int up = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(errors[i])) {
                measured++;
                long failures = service.requests() > 0 ? service.buckets().get(i).errors() : service.errorLogCounts()[i];
                if (errors[i] < UP_ERROR_RATE || failures < MIN_ERRORS_FOR_DOWN) {
                    up++;
                }
            }
        }
        double recentErrors = 0;
        int recentCount = 0;
        for (int i = Math.max(0, n - 5); i < n; i++) {
            if (!Double.isNaN(errors[i])) {
                recentErrors += errors[i];
                recentCount++;
            }
        }
        ServiceStatus status;
        if (measured == 0) {
            status = ServiceStatus.UNKNOWN;
        } else if (recentCount == 0) {
            status = ServiceStatus.DOWN;
        } else {
            double recent = recentErrors / recentCount;
            double[] p95 = timeline.p95Ms();
            RobustBaseline latency = RobustBaseline.of(p95, 0, n, 0);
            double recentP95 = RobustBaseline.of(p95, Math.max(0, n - 5), n, 0).median();
            boolean slow = latency.count() > 0 && !Double.isNaN(recentP95) && recentP95 > 3 * latency.median();
            status = recent >= DOWN_ERROR_RATE ? ServiceStatus.DOWN
                    : recent >= UP_ERROR_RATE || slow ? ServiceStatus.DEGRADED : ServiceStatus.HEALTHY;
        }
        double uptime = measured == 0 ? Double.NaN : 100.0 * up / measured;
        return new ServiceHealth(service.service(), status, uptime, service.requests() > 0 ? service.requests() : service.logLines(),
                service.errorRate(), service.latency().p95Ms(), service.latency().p99Ms());
    }

    private static void findAnomalies(String service, String subject, double[] values, List<Instant> starts, long bucketMillis,
                                      List<AnomalyFinding> out, List<Instant[]> episodes) {
        double[] scores = AnomalyScorer.trailing(values, TRAILING_BUCKETS, MIN_HISTORY);
        // Three consecutive anomalous buckets make an episode: single-minute tail-latency blips do not.
        for (AnomalyEpisode episode : AnomalyScorer.episodes(scores, AnomalyScorer.DEFAULT_THRESHOLD, 3, 0)) {
            if (episode.peakScore() <= 0) {
                continue;
            }
            int from = Math.max(0, episode.start() - TRAILING_BUCKETS);
            RobustBaseline baseline = RobustBaseline.of(values, from, episode.start(), 0);
            Instant onset = starts.get(episode.start());
            Instant end = starts.get(episode.end()).plusMillis(bucketMillis);
            out.add(new AnomalyFinding(service, subject, onset, episode.peakScore(), values[episode.peakIndex()], baseline.median(),
                    subject.equals("error rate") ? ValueUnit.RATIO : ValueUnit.MILLISECONDS));
            episodes.add(new Instant[] {onset, end});
        }
    }

    /** Merges overlapping anomaly episodes into incident windows, padded a little on both sides. */
    static List<TimeRange> incidents(List<Instant[]> episodes, TimeRange window) {
        List<Instant[]> sorted = new ArrayList<>(episodes);
        sorted.sort(Comparator.comparing(e -> e[0]));
        List<TimeRange> out = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        for (Instant[] episode : sorted) {
            if (start != null && episode[0].isAfter(end.plus(INCIDENT_GAP))) {
                out.add(padded(start, end, window));
                start = null;
            }
            if (start == null) {
                start = episode[0];
                end = episode[1];
            } else if (episode[1].isAfter(end)) {
                end = episode[1];
            }
        }
        if (start != null) {
            out.add(padded(start, end, window));
        }
        return out;
    }

    private static TimeRange padded(Instant start, Instant end, TimeRange window) {
        Instant from = start.minus(Duration.ofMinutes(3));
        Instant to = end.plus(Duration.ofMinutes(2));
        if (from.isBefore(window.from())) {
            from = window.from();
        }
        if (to.isAfter(window.to())) {
            to = window.to();
        }
        return TimeRange.of(from, to);
    }

    private static String bottleneckReason(EndpointStats endpoint) {
        double p50 = endpoint.latency().p50Ms();
        double p99 = endpoint.latency().p99Ms();
        if (endpoint.errorRate() >= UP_ERROR_RATE) {
            return String.format(java.util.Locale.ROOT, "%.1f%% of requests failed", 100 * endpoint.errorRate());
        }
        if (p50 > 0 && p99 / p50 >= 10) {
            return String.format(java.util.Locale.ROOT, "long tail: p99 is %.0f× p50", p99 / p50);
        }
        return "share of total request time";
    }
}
