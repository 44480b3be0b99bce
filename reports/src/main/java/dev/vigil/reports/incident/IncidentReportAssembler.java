package dev.vigil.reports.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.requests.BucketStats;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.RequestStats;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.changes.ChangeVerdict;
import dev.vigil.rca.changes.TrackedChange;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.reports.health.HealthFormat;

/**
 * Gathers an {@link IncidentReport} for one incident:
 * <ol>
 *   <li>the root-cause analysis over the incident's window and service, run again with the request
 *       the incident was analysed with, so the candidates carry their evidence as typed values (the
 *       stored analysis is JSON); on unchanged data it ranks exactly as the stored one;</li>
 *   <li>per endpoint, errors and p95 latency in the window against the analysis' baseline;</li>
 *   <li>the changes from the start of the baseline to the end of the window, each with its verdict;</li>
 *   <li>follow-up items derived from those findings ({@link FollowUps}).</li>
 * </ol>
 * Reads the index on the calling thread and may take seconds: call it from a worker, never from an
 * event loop. Thread-safe.
 */
public final class IncidentReportAssembler {
    /** The report lists this many candidates; further ones rarely matter to a post-mortem. */
    public static final int MAX_CANDIDATES = 5;
    /** Endpoints drawn in the chart: more lines would not be readable. */
    static final int CHART_ENDPOINTS = 4;
    /** An error rate this much higher (absolute) than before, with at least {@link #MIN_ERRORS} errors, is an impact. */
    static final double ERROR_RATE_RISE = 0.01;
    static final int MIN_ERRORS = 3;
    /** p95 this many times the one before, and at least {@link #LATENCY_RISE_MS} higher, is an impact. */
    static final double LATENCY_RATIO = 1.5;
    static final double LATENCY_RISE_MS = 50;
    private static final int MAX_CHANGES = 30;

    private final RootCauseAnalyzer analyzer;
    private final RequestStatsCalculator requests;
    private final ChangeIntelligence changes;
    private final Supplier<Instant> clock;

    public IncidentReportAssembler(EventPipeline pipeline, ChangeIntelligence changes) {
        this(new RootCauseAnalyzer(pipeline), new RequestStatsCalculator(pipeline), changes, Instant::now);
    }

    /** @param clock stamps {@link IncidentReport#generatedAt()} */
    public IncidentReportAssembler(RootCauseAnalyzer analyzer, RequestStatsCalculator requests, ChangeIntelligence changes,
                                   Supplier<Instant> clock) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param progress receives a short message before each step; must not throw */
    public IncidentReport assemble(Incident incident, Consumer<String> progress) {
        Consumer<String> step = progress == null ? s -> { } : progress;
        TimeRange window = incident.window();
        step.accept("root-cause analysis over " + window);
        RcaResult rca = analyzer.analyze(new RcaRequest(window, incident.service()));
        List<RootCauseCandidate> candidates = rca.candidates().subList(0, Math.min(MAX_CANDIDATES, rca.candidates().size()));

        step.accept("errors and latency per endpoint");
        TimeRange baseline = rca.baseline();
        List<EndpointImpact> endpoints = impacts(window, baseline, incident.service());
        TimeRange chartRange = chartRange(window);
        List<EndpointSeries> series = series(chartRange, endpoints, incident.service());

        step.accept("related changes and their verdicts");
        List<RelatedChange> related = relatedChanges(baseline, window, incident.service());

        List<String> followUps = FollowUps.derive(incident, candidates, endpoints, related);
        String summary = summary(incident, candidates, endpoints, related);
        return new IncidentReport(incident, clock.get(), baseline, summary, candidates, endpoints, series, chartRange, related, followUps);
    }

    private List<EndpointImpact> impacts(TimeRange window, TimeRange baseline, String service) {
        RequestStats during = requests.compute(window, window.length(), service);
        RequestStats before = requests.compute(baseline, baseline.length(), service);
        Map<String, EndpointStats> beforeByKey = new HashMap<>();
        for (EndpointStats e : before.endpoints()) {
            beforeByKey.put(e.service() + " " + e.endpoint(), e);
        }
        List<EndpointImpact> out = new ArrayList<>();
        for (EndpointStats now : during.endpoints()) {
            EndpointStats then = beforeByKey.get(now.service() + " " + now.endpoint());
            long requestsBefore = then == null ? 0 : then.requests();
            double errorsBefore = requestsBefore == 0 ? Double.NaN : then.errorRate();
            double p95Before = requestsBefore == 0 ? Double.NaN : then.latency().p95Ms();
            double errorsDuring = now.requests() == 0 ? Double.NaN : now.errorRate();
            double p95During = now.requests() == 0 ? Double.NaN : now.latency().p95Ms();
            boolean errorsRose = now.errors() >= MIN_ERRORS
                    && errorsDuring - (Double.isNaN(errorsBefore) ? 0 : errorsBefore) >= ERROR_RATE_RISE;
            boolean slower = !Double.isNaN(p95Before) && !Double.isNaN(p95During)
                    && p95During >= LATENCY_RATIO * p95Before && p95During - p95Before >= LATENCY_RISE_MS;
            out.add(new EndpointImpact(now.service(), now.endpoint(), requestsBefore, now.requests(), errorsBefore, errorsDuring,
                    p95Before, p95During, errorsRose || slower));
        }
        out.sort(Comparator.comparing((EndpointImpact e) -> !e.affected())
                .thenComparing(Comparator.comparingDouble(IncidentReportAssembler::severity).reversed())
                .thenComparing(EndpointImpact::label));
        return out;
    }

    /** Orders affected endpoints: added error rate first, then how many times slower. */
    static double severity(EndpointImpact e) {
        double errors = e.errorRateDuring() - (Double.isNaN(e.errorRateBefore()) ? 0 : e.errorRateBefore());
        double slowdown = Double.isNaN(e.p95BeforeMs()) || e.p95BeforeMs() <= 0 || Double.isNaN(e.p95DuringMs())
                ? 0 : e.p95DuringMs() / e.p95BeforeMs();
        return (Double.isNaN(errors) ? 0 : errors) * 100 + Math.min(slowdown, 99);
    }

    /** The window and, before it, as long again (at least 15 and at most 60 minutes) for contrast. */
    static TimeRange chartRange(TimeRange window) {
        Duration lead = window.length();
        if (lead.compareTo(Duration.ofMinutes(15)) < 0) {
            lead = Duration.ofMinutes(15);
        } else if (lead.compareTo(Duration.ofHours(1)) > 0) {
            lead = Duration.ofHours(1);
        }
        return TimeRange.of(window.from().minus(lead), window.to());
    }

    private List<EndpointSeries> series(TimeRange range, List<EndpointImpact> endpoints, String service) {
        List<EndpointImpact> drawn = new ArrayList<>();
        for (EndpointImpact e : endpoints) {
            if (e.affected() && drawn.size() < CHART_ENDPOINTS) {
                drawn.add(e);
            }
        }
        if (drawn.isEmpty()) {
            return List.of();
        }
        // About 30 buckets: finer ones leave low-traffic endpoints with empty minutes (gaps in the lines).
        Duration bucket = range.niceStep(30);
        if (bucket.compareTo(Duration.ofMinutes(1)) < 0) {
            bucket = Duration.ofMinutes(1);
        }
        RequestStats stats = requests.compute(range, bucket, service);
        List<EndpointSeries> out = new ArrayList<>();
        for (EndpointImpact e : drawn) {
            for (EndpointStats s : stats.endpoints()) {
                if (s.service().equals(e.service()) && s.endpoint().equals(e.endpoint())) {
                    int n = s.buckets().size();
                    List<Instant> starts = new ArrayList<>(n);
                    double[] errorRate = new double[n];
                    double[] p95 = new double[n];
                    for (int i = 0; i < n; i++) {
                        BucketStats b = s.buckets().get(i);
                        starts.add(Instant.ofEpochMilli(b.startMillis()));
                        errorRate[i] = b.requests() == 0 ? Double.NaN : b.errorRate();
                        p95[i] = b.requests() == 0 ? Double.NaN : b.latency().p95Ms();
                    }
                    out.add(new EndpointSeries(e.label(), starts, errorRate, p95));
                }
            }
        }
        return out;
    }

    private List<RelatedChange> relatedChanges(TimeRange baseline, TimeRange window, String service) {
        TimeRange range = new TimeRange(Math.min(baseline.fromNanos(), window.fromNanos()), window.toNanos());
        List<RelatedChange> out = new ArrayList<>();
        for (TrackedChange tracked : changes.list(range, service, null, MAX_CHANGES)) {
            ChangeEvent event = tracked.event();
            ChangeVerdict verdict = changes.verdict(tracked.id()).orElse(null);
            Instant at = Instant.ofEpochSecond(0, event.timestampNanos());
            if (verdict == null) {
                out.add(new RelatedChange(tracked.id(), at, event.type().name().toLowerCase(Locale.ROOT), event.service(), event.version(),
                        "inconclusive", "no verdict could be computed", false, null, tracked.rolledBackBy()));
                continue;
            }
            out.add(new RelatedChange(tracked.id(), at, event.type().name().toLowerCase(Locale.ROOT), event.service(), event.version(),
                    verdict.verdict().label(), verdict.summary(), verdict.recommendation() != null && verdict.recommendation().rollback(),
                    verdict.recommendation() == null ? null : verdict.recommendation().target(), tracked.rolledBackBy()));
        }
        out.sort(Comparator.comparing(RelatedChange::at));
        return out;
    }

    private static String summary(Incident incident, List<RootCauseCandidate> candidates, List<EndpointImpact> endpoints,
                                  List<RelatedChange> related) {
        StringBuilder s = new StringBuilder();
        s.append(HealthFormat.capitalize(incident.status().name().toLowerCase(Locale.ROOT))).append(" incident")
                .append(incident.service() == null ? "" : " on " + incident.service())
                .append(" over ").append(HealthFormat.window(incident.window().from(), incident.window().to())).append(". ");
        if (candidates.isEmpty()) {
            s.append("The root-cause analysis found no anomalous signal to explain it. ");
        } else {
            RootCauseCandidate top = candidates.get(0);
            s.append("Most likely cause: ").append(CandidateText.label(top)).append(", ").append(CandidateText.kind(top)).append(" (score ")
                    .append(HealthFormat.score(top.score())).append("). ");
        }
        List<EndpointImpact> affected = endpoints.stream().filter(EndpointImpact::affected).toList();
        if (affected.isEmpty()) {
            s.append("No endpoint's errors or latency got materially worse than before. ");
        } else {
            EndpointImpact worst = affected.get(0);
            s.append(affected.size()).append(affected.size() == 1 ? " endpoint was" : " endpoints were").append(" affected; the worst, ")
                    .append(worst.label()).append(", failed ").append(HealthFormat.fractionPercent(worst.errorRateDuring()))
                    .append(" of requests (").append(HealthFormat.fractionPercent(worst.errorRateBefore())).append(" before) at p95 ")
                    .append(HealthFormat.duration(worst.p95DuringMs())).append(" (").append(HealthFormat.duration(worst.p95BeforeMs()))
                    .append(" before). ");
        }
        long degraded = related.stream().filter(c -> c.verdict().equals("degraded")).count();
        s.append(related.size()).append(related.size() == 1 ? " change" : " changes").append(" in the period");
        if (degraded > 0) {
            s.append(", ").append(degraded).append(" judged degraded");
        }
        s.append('.');
        return s.toString();
    }
}
