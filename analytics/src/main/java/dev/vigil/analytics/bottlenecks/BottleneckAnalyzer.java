package dev.vigil.analytics.bottlenecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Ranks the endpoints of a window by the time they cost themselves and attaches the evidence
 * (see the package documentation).
 *
 * <p>An endpoint's total time is the sum of its requests' durations in the window (rate × mean
 * latency × window length). A gateway that waits 30 s on a slow backend costs 30 s too, but the
 * time is the backend's: spans (or upstream fields of access logs) show which share of an
 * endpoint's time was spent inside other services, and the ranking uses the rest, its self time.
 * Access logs are the request source; a service with spans but no access logs is counted from its
 * entry spans instead, so no request is counted twice.
 *
 * <p>Thread-safe: every call works on its own state and an index snapshot of its own.
 */
public final class BottleneckAnalyzer {
    private final EventPipeline pipeline;
    private final SaturationLinker linker;

    public BottleneckAnalyzer(EventPipeline pipeline) {
        this.pipeline = pipeline;
        this.linker = new SaturationLinker(new MetricQueryEngine(pipeline));
    }

    public BottleneckReport analyze(BottleneckQuery query) {
        long started = System.nanoTime();
        BucketLayout layout = BucketLayout.of(query.baseline(), query.window(), query.bucket().toMillis());
        Map<EndpointKey, EndpointSamples> logs;
        SpanAttributor.Result spans;
        UpstreamFieldReader.Result upstream;
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            AccessLogCollector collector = new AccessLogCollector(layout);
            snapshot.searcher().search(accessLogQuery(query), collector);
            logs = collector.samples();
            spans = new SpanAttributor(layout).attribute(snapshot.searcher());
            upstream = new UpstreamFieldReader(layout, query.service()).read(snapshot.searcher());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Set<String> loggedServices = new TreeSet<>();
        logs.keySet().forEach(key -> loggedServices.add(key.service()));
        Map<EndpointKey, Source> sources = new TreeMap<>();
        logs.forEach((key, samples) -> sources.put(key, new Source("access_logs", samples)));
        spans.endpoints().forEach((key, times) -> {
            if (!loggedServices.contains(key.service()) && (query.service() == null || query.service().equals(key.service()))) {
                sources.put(key, new Source("spans", times.samples));
            }
        });

        double windowSeconds = query.window().lengthNanos() / 1e9;
        double baselineSeconds = query.baseline().lengthNanos() / 1e9;
        int split = layout.baselineBuckets();
        List<Draft> drafts = new ArrayList<>();
        for (Map.Entry<EndpointKey, Source> entry : sources.entrySet()) {
            EndpointSamples samples = entry.getValue().samples;
            if (samples.count(split, layout.size()) == 0) {
                continue;
            }
            EndpointKey key = entry.getKey();
            LatencyStats window = samples.stats(split, layout.size(), windowSeconds);
            LatencyStats baseline = samples.stats(0, split, baselineSeconds);
            SpanTimes traced = spans.endpoints().get(key);
            SpanTimes logged = upstream.endpoints().get(key);
            Nesting nesting = nesting(traced, logged);
            double nested = Double.isNaN(nesting.share) ? 0 : nesting.share;
            List<DependencyCost> dependencies = new ArrayList<>();
            addDependencies(dependencies, traced, "spans");
            addDependencies(dependencies, logged, "access_logs");
            dependencies.sort(Comparator.comparingDouble(DependencyCost::timeShare).reversed()
                    .thenComparing(DependencyCost::name).thenComparing(DependencyCost::operation));
            drafts.add(new Draft(key, entry.getValue().source, window, baseline, nesting, window.totalMs() * (1 - nested),
                    List.copyOf(dependencies), samples));
        }
        double totalMs = drafts.stream().mapToDouble(d -> d.window.totalMs()).sum();
        double selfMs = drafts.stream().mapToDouble(d -> d.selfMs).sum();
        drafts.sort(Comparator.comparingDouble((Draft d) -> d.selfMs).reversed()
                .thenComparing(Comparator.comparingDouble((Draft d) -> d.window.totalMs()).reversed())
                .thenComparing(d -> d.key));
        List<Draft> top = drafts.subList(0, Math.min(query.limit(), drafts.size()));

        Set<String> services = new TreeSet<>();
        top.forEach(d -> services.add(d.key.service()));
        List<SaturationSeries> resources = top.isEmpty() ? List.of() : linker.load(layout, services);
        List<EndpointBottleneck> endpoints = new ArrayList<>(top.size());
        for (Draft draft : top) {
            List<SaturationLink> links = linker.link(draft.key, draft.samples.p95PerBucket(), resources);
            endpoints.add(new EndpointBottleneck(endpoints.size() + 1, draft.key.service(), draft.key.endpoint(), draft.source,
                    draft.window, draft.baseline, share(draft.window.totalMs(), totalMs), draft.nesting.share, draft.nesting.sample,
                    draft.selfMs, share(draft.selfMs, selfMs), draft.dependencies, links));
        }
        return new BottleneckReport(query, layout.widthMillis(), layout.baselineBuckets(), layout.windowBuckets(), totalMs, selfMs,
                drafts.size(), List.copyOf(endpoints), rankResources(endpoints), spans.spans(), upstream.logs(),
                spans.truncated() || upstream.truncated(), (System.nanoTime() - started) / 1e6);
    }

    private static BooleanQuery accessLogQuery(BottleneckQuery query) {
        TimeRange baseline = query.baseline();
        TimeRange window = query.window();
        BooleanQuery ranges = new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(IndexFields.TS, baseline.fromNanos(), baseline.toNanos() - 1), BooleanClause.Occur.SHOULD)
                .add(LongPoint.newRangeQuery(IndexFields.TS, window.fromNanos(), window.toNanos() - 1), BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
        BooleanQuery.Builder builder = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(ranges, BooleanClause.Occur.FILTER);
        if (query.service() != null) {
            builder.add(new TermQuery(new Term(IndexFields.SERVICE, query.service())), BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    /**
     * The nested share in the window; spans win over upstream fields since they show the whole
     * call. Without window data, the baseline's share stands in (a few sampled traces may miss
     * a short window).
     */
    private static Nesting nesting(SpanTimes traced, SpanTimes logged) {
        for (SpanTimes times : new SpanTimes[] {traced, logged}) {
            if (times != null && times.spans[SpanTimes.WINDOW] > 0) {
                return new Nesting(times.nestedShare(SpanTimes.WINDOW), times.spans[SpanTimes.WINDOW]);
            }
        }
        for (SpanTimes times : new SpanTimes[] {traced, logged}) {
            if (times != null && times.spans[SpanTimes.BASELINE] > 0) {
                return new Nesting(times.nestedShare(SpanTimes.BASELINE), times.spans[SpanTimes.BASELINE]);
            }
        }
        return new Nesting(Double.NaN, 0);
    }

    private static void addDependencies(List<DependencyCost> out, SpanTimes times, String source) {
        if (times == null) {
            return;
        }
        for (Map.Entry<SpanTimes.Dependency, SpanTimes.DependencyTimes> entry : times.dependencies.entrySet()) {
            SpanTimes.DependencyTimes dep = entry.getValue();
            if (dep.calls[SpanTimes.WINDOW] == 0) {
                continue;
            }
            SpanTimes.Dependency what = entry.getKey();
            Durations window = dep.durations[SpanTimes.WINDOW];
            Durations baseline = dep.durations[SpanTimes.BASELINE];
            out.add(new DependencyCost(what.kind(), what.name(), what.operation(), source, dep.calls[SpanTimes.WINDOW],
                    dep.errors[SpanTimes.WINDOW], share(dep.nanos[SpanTimes.WINDOW], times.totalNanos[SpanTimes.WINDOW]),
                    window.sum() / 1000.0 / window.size(), window.percentileMs(0.95), dep.calls[SpanTimes.BASELINE],
                    share(dep.nanos[SpanTimes.BASELINE], times.totalNanos[SpanTimes.BASELINE]),
                    baseline.size() == 0 ? Double.NaN : baseline.sum() / 1000.0 / baseline.size()));
        }
    }

    /** Resources over the listed endpoints: Σ endpoint self share × link score. */
    private static List<ResourceBottleneck> rankResources(List<EndpointBottleneck> endpoints) {
        Map<String, List<ResourceBottleneck.Linked>> byResource = new LinkedHashMap<>();
        Map<String, SaturationLink> named = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (EndpointBottleneck endpoint : endpoints) {
            for (SaturationLink link : endpoint.saturation()) {
                if (link.score() <= 0) {
                    continue;
                }
                String key = link.service() + "\u0000" + link.resource();
                named.putIfAbsent(key, link);
                scores.merge(key, endpoint.selfShare() * link.score(), Double::sum);
                double correlation = link.signals().get(0).correlation();
                byResource.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ResourceBottleneck.Linked(endpoint.service(), endpoint.endpoint(), correlation, link.score()));
            }
        }
        List<ResourceBottleneck> out = new ArrayList<>();
        for (Map.Entry<String, SaturationLink> entry : named.entrySet()) {
            List<ResourceBottleneck.Linked> linked = new ArrayList<>(byResource.get(entry.getKey()));
            linked.sort(Comparator.comparingDouble(ResourceBottleneck.Linked::score).reversed());
            SaturationLink link = entry.getValue();
            out.add(new ResourceBottleneck(link.resource(), link.service(), link.metric(), scores.get(entry.getKey()), List.copyOf(linked)));
        }
        out.sort(Comparator.comparingDouble(ResourceBottleneck::score).reversed());
        return List.copyOf(out);
    }

    private static double share(double part, double whole) {
        return whole > 0 ? part / whole : Double.NaN;
    }

    private record Source(String source, EndpointSamples samples) {
    }

    private record Nesting(double share, long sample) {
    }

    private record Draft(EndpointKey key, String source, LatencyStats window, LatencyStats baseline, Nesting nesting, double selfMs,
                         List<DependencyCost> dependencies, EndpointSamples samples) {
    }
}
