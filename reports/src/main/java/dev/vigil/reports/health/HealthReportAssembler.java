package dev.vigil.reports.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import dev.vigil.analytics.TimeRange;
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
 *       the whole window when none stands out).</li>
 * </ol>
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

    public HealthReportAssembler(EventPipeline pipeline) {
        this.requests = new RequestStatsCalculator(pipeline);
        this.rca = new RootCauseAnalyzer(pipeline);
    }

    public HealthReport assemble(TimeRange window, Consumer<String> progress) {
        progress.accept("computing request statistics");
        long bucketMillis = Math.max(60_000, window.niceStep(240).toMillis());
        RequestStats stats = requests.compute(window, Duration.ofMillis(bucketMillis), null);
        List<ServiceHealth> services = new ArrayList<>();
        List<ServiceTimeline> timelines = new ArrayList<>();
        List<AnomalyFinding> anomalies = new ArrayList<>();
        List<Instant[]> episodes = new ArrayList<>();
        progress.accept("scoring anomalies for " + stats.services().size() + " services");
        for (ServiceStats service : stats.services()) {
            ServiceTimeline timeline = timeline(service, bucketMillis);
            timelines.add(timeline);
            services.add(health(service, timeline));
            double[][] scored = scoredSeries(service, timeline);
            findAnomalies(service.service(), "error rate", scored[0], timeline.bucketStarts(), bucketMillis, anomalies, episodes);
            findAnomalies(service.service(), "p95 latency", scored[1], timeline.bucketStarts(), bucketMillis, anomalies, episodes);
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
                    anomalies.add(new AnomalyFinding(signal.service(), logPattern ? "log: " + signal.subject() : signal.subject(),
                            signal.onset(), Math.abs(signal.peakScore()), signal.peakValue(), signal.baseline(),
                            logPattern ? ValueUnit.PER_MINUTE : ValueUnit.ofMetricName(signal.subject())));
                }
            }
            String prefix = incidents.size() > 1 || incident != window
                    ? "Incident " + index + " (" + incident.from() + " to " + incident.to() + "): " : "";
            for (RootCauseCandidate candidate : result.candidates().subList(0, Math.min(CANDIDATES_PER_INCIDENT, result.candidates().size()))) {
                List<String> evidence = new ArrayList<>();
                candidate.evidence().forEach(e -> evidence.add(e.description()));
                rootCauses.add(new RootCauseLine(rootCauses.size() + 1, candidate.kind().label(), candidate.service(), candidate.subject(),
                        candidate.score(), candidate.onset(), prefix + candidate.explanation(), evidence));
            }
        }
        anomalies.sort(Comparator.comparing(AnomalyFinding::onset, Comparator.nullsLast(Comparator.naturalOrder())));
        return new HealthReport(window.from(), window.to(), Instant.now(), services, endpoints, topBottlenecks,
                anomalies, rootCauses, timelines);
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
