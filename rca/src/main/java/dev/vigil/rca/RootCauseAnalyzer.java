package dev.vigil.rca;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.patterns.TemplateCounter;
import dev.vigil.analytics.requests.RequestStatsCalculator;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;

/**
 * Explains an incident window: collects anomalous metrics, endpoints and log patterns against a
 * baseline before the window, the changes made in the same period, and ranks them as root-cause
 * candidates (see {@link RootCauseRanker} for the reasoning). Thread-safe.
 */
public final class RootCauseAnalyzer {
    private final MetricSignalDetector metrics;
    private final EndpointSignalDetector endpoints;
    private final LogPatternDetector logs;
    private final EventScanner scanner;
    private final RootCauseRanker ranker = new RootCauseRanker();
    private final SpanEvidenceCollector spans;
    private final LogFlowCollector logFlows;
    private final MetricShiftDetector metricShifts;
    private final ServiceRootRanker services = new ServiceRootRanker();
    private final LogProfileDetector profiles = new LogProfileDetector();

    public RootCauseAnalyzer(EventPipeline pipeline) {
        this.scanner = new EventScanner(pipeline);
        this.metrics = new MetricSignalDetector(new MetricQueryEngine(pipeline));
        this.endpoints = new EndpointSignalDetector(new RequestStatsCalculator(pipeline));
        this.logs = new LogPatternDetector(new TemplateCounter(pipeline));
        this.spans = new SpanEvidenceCollector(pipeline);
        this.logFlows = new LogFlowCollector(pipeline);
        this.metricShifts = new MetricShiftDetector(new MetricQueryEngine(pipeline));
    }

    private static boolean hasWindowSpans(SpanEvidenceCollector.SpanEvidence evidence) {
        for (SpanEvidenceCollector.Latency latency : evidence.services().values()) {
            if (latency.windowCount() > 0 && latency.normalCount() > 0) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, RootCauseCandidate> bestChangeByService(List<RootCauseCandidate> candidates) {
        Map<String, RootCauseCandidate> out = new HashMap<>();
        for (RootCauseCandidate c : candidates) {
            if (c.kind() == CandidateKind.CHANGE) {
                out.merge(c.service(), c, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        return out;
    }

    public RcaResult analyze(RcaRequest request) {
        long started = System.nanoTime();
        AnalysisFrame frame = AnalysisFrame.of(request.window(), request.baseline());
        List<AnomalousSignal> signals = new ArrayList<>();
        signals.addAll(metrics.detect(frame, request.service()));
        signals.addAll(endpoints.detect(frame, request.service()));
        Map<AnomalousSignal, List<Evidence>> extra = new HashMap<>();
        for (LogPatternDetector.Surge surge : logs.detect(frame, request.service())) {
            signals.add(surge.signal());
            extra.put(surge.signal(), List.of(
                    Evidence.of(String.format(Locale.ROOT, "%d occurrences in the window vs %d in the baseline (%.1f expected); rate-ratio test p = %.2g",
                            surge.windowCount(), surge.baselineCount(), surge.expected(), surge.pValue()),
                            surge.windowCount(), surge.expected()),
                    Evidence.fact("example: " + surge.example())));
        }
        signals.sort(Comparator.comparing(AnomalousSignal::onset));
        List<ChangeEvent> changes = new ArrayList<>();
        scanner.scan("*", "change", new TimeRange(frame.analysis().fromNanos(), frame.window().toNanos()), 10_000,
                event -> changes.add((ChangeEvent) event));
        changes.sort(Comparator.comparingLong(ChangeEvent::timestampNanos));
        List<RootCauseCandidate> candidates = ranker.rank(frame, signals, extra, changes);
        SpanEvidenceCollector.SpanEvidence spanEvidence = spans.collect(frame, request.service());
        if (hasWindowSpans(spanEvidence)) {
            // Traces show who calls whom and where requests first go wrong: services are ordered by
            // that evidence, each keeping its own candidates (see ServiceRootRanker).
            LogFlows flows = logFlows.collect(frame);
            List<ServiceRootRanker.Verdict> verdicts = services.rank(frame, spanEvidence, flows, flows.evidence(spanEvidence.windowTraceServices()),
                    profiles.detect(flows, spanEvidence), metricShifts.detect(frame, request.service()), bestChangeByService(candidates));
            candidates = CandidateMerger.merge(candidates, verdicts, RootCauseRanker.MAX_CANDIDATES);
        }
        return new RcaResult(request.window(), frame.reference(), candidates, List.copyOf(signals), (System.nanoTime() - started) / 1e6);
    }
}
