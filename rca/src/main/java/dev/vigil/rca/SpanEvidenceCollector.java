package dev.vigil.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;

/**
 * Reads the spans of the reference period and the window once and derives what the ranking needs
 * from traces: the call graph, and per service the <em>self time</em> of its spans (a span's
 * duration minus the time covered by its children in other services) in normal times and in the
 * window, the error share when spans carry a status, and which services each window trace visited. Self time is what makes latency
 * attributable: a slow callee makes its callers' spans slow too, but not their self time.
 *
 * <p>Span joins need the span ids, which are not doc values, so spans are decoded from their
 * stored source; at most {@link #MAX_SPANS} are read (the rest would not change medians). Stateless
 * between calls and thread-safe.
 */
final class SpanEvidenceCollector {
    static final int MAX_SPANS = 600_000;

    private final EventScanner scanner;

    SpanEvidenceCollector(EventPipeline pipeline) {
        this.scanner = new EventScanner(pipeline);
    }

    /** Self-time samples of one service or operation, in milliseconds. */
    static final class Latency {
        final String service;
        final String operation;
        private double[] normal = new double[16];
        private int normalSize;
        private double[] window = new double[16];
        private int windowSize;
        long normalErrors;
        long windowErrors;

        Latency(String service, String operation) {
            this.service = service;
            this.operation = operation;
        }

        void add(boolean inWindow, double millis, boolean error) {
            if (inWindow) {
                if (windowSize == window.length) {
                    window = Arrays.copyOf(window, windowSize * 2);
                }
                window[windowSize++] = millis;
                windowErrors += error ? 1 : 0;
            } else {
                if (normalSize == normal.length) {
                    normal = Arrays.copyOf(normal, normalSize * 2);
                }
                normal[normalSize++] = millis;
                normalErrors += error ? 1 : 0;
            }
        }

        int normalCount() {
            return normalSize;
        }

        int windowCount() {
            return windowSize;
        }

        double normalQuantile(double q) {
            return quantile(normal, normalSize, q);
        }

        double windowQuantile(double q) {
            return quantile(window, windowSize, q);
        }

        private static double quantile(double[] values, int size, double q) {
            if (size == 0) {
                return Double.NaN;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[(int) Math.floor(q * (size - 1))];
        }
    }

    /** What the spans show. */
    record SpanEvidence(CallGraph graph, Map<String, Latency> services, Map<String, List<Latency>> operations,
                        Map<String, Set<String>> windowTraceServices, Map<String, Latency> operationBySpan, long spans,
                        boolean truncated) {
        boolean isEmpty() {
            return spans == 0;
        }
    }

    private record Compact(String traceId, String spanId, String parentId, String service, String operation, long start, long end,
                           boolean error) {
    }

    SpanEvidence collect(AnalysisFrame frame, String focus) {
        List<Compact> spans = new ArrayList<>();
        boolean[] truncated = {false};
        Map<String, String> interned = new HashMap<>();
        scanner.scanWhile(IndexFields.KIND_SPAN, frame.hull(), event -> {
            if (spans.size() >= MAX_SPANS) {
                truncated[0] = true;
                return false;
            }
            if (event instanceof Span span && (frame.normal(span.startNanos()) || frame.window().contains(span.startNanos()))) {
                spans.add(new Compact(span.traceId(), span.spanId(), span.parentSpanId(),
                        interned.computeIfAbsent(span.service(), s -> s), interned.computeIfAbsent(span.operation(), s -> s),
                        span.startNanos(), span.endNanos(), span.status() == SpanStatus.ERROR));
            }
            return true;
        });
        return derive(frame, spans, truncated[0], focus);
    }

    private static SpanEvidence derive(AnalysisFrame frame, List<Compact> spans, boolean truncated, String focus) {
        Map<String, Compact> byId = new HashMap<>(spans.size() * 2);
        Map<String, List<Compact>> children = new HashMap<>();
        for (Compact span : spans) {
            byId.put(span.traceId + span.spanId, span);
        }
        CallGraph graph = new CallGraph();
        for (Compact span : spans) {
            if (span.parentId == null) {
                continue;
            }
            Compact parent = byId.get(span.traceId + span.parentId);
            if (parent != null) {
                children.computeIfAbsent(span.traceId + span.parentId, k -> new ArrayList<>()).add(span);
                graph.add(parent.service, span.service);
            }
        }
        Map<String, Latency> services = new TreeMap<>();
        Map<String, Map<String, Latency>> operations = new TreeMap<>();
        Map<String, Latency> operationBySpan = new HashMap<>(spans.size() * 2);
        for (Compact span : spans) {
            if (focus != null && !focus.equals(span.service)) {
                continue;
            }
            double self = selfMillis(span, children.getOrDefault(span.traceId + span.spanId, List.of()));
            boolean inWindow = frame.window().contains(span.start);
            services.computeIfAbsent(span.service, s -> new Latency(s, null)).add(inWindow, self, span.error);
            Latency operation = operations.computeIfAbsent(span.service, s -> new TreeMap<>())
                    .computeIfAbsent(span.operation, o -> new Latency(span.service, o));
            operation.add(inWindow, self, span.error);
            operationBySpan.put(span.spanId, operation);
        }
        Map<String, List<Latency>> byService = new TreeMap<>();
        operations.forEach((service, ops) -> byService.put(service, List.copyOf(ops.values())));
        Map<String, Set<String>> visited = new HashMap<>();
        for (Compact span : spans) {
            if (frame.window().contains(span.start)) {
                visited.computeIfAbsent(span.traceId, t -> new java.util.HashSet<>(4)).add(span.service);
            }
        }
        return new SpanEvidence(graph, services, byService, visited, operationBySpan, spans.size(), truncated);
    }

    /** Duration minus the union of the children's intervals (clipped to the span) in other services. */
    static double selfMillis(Compact span, List<Compact> children) {
        long covered = 0;
        if (!children.isEmpty()) {
            List<long[]> intervals = new ArrayList<>();
            for (Compact child : children) {
                if (child.service.equals(span.service)) {
                    continue;
                }
                long from = Math.max(span.start, child.start);
                long to = Math.min(span.end, child.end);
                if (to > from) {
                    intervals.add(new long[]{from, to});
                }
            }
            intervals.sort((a, b) -> Long.compare(a[0], b[0]));
            long curFrom = -1;
            long curTo = -1;
            for (long[] interval : intervals) {
                if (curTo < 0 || interval[0] > curTo) {
                    covered += curTo - curFrom;
                    curFrom = interval[0];
                    curTo = interval[1];
                } else {
                    curTo = Math.max(curTo, interval[1]);
                }
            }
            covered += curTo - curFrom;
        }
        return Math.max(0, span.end - span.start - covered) / 1e6;
    }
}
