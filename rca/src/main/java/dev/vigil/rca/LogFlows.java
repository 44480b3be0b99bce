package dev.vigil.rca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log lines as flows through traces, and where the flows of the window depart from the normal
 * ones. In normal traces, each template is followed by a few others with stable frequencies (the
 * statement after "find contact" is "contact found"); this is the normal flow model. A window
 * trace departs where a template is followed by something its normal traces never (or almost
 * never) show after it, or ends where they never end. Only departures within one service's own
 * sequence count (the expected successor is that service's own statement, or the actual one is a
 * warning of that service never seen in normal times), and those where the expected successor
 * belongs to a service the trace's spans show it reached and that logged none of its statements
 * in its place (a callee logging another entry statement was called for another operation, which
 * is its caller's choice): which service a trace visits next
 * depends on the mix of requests, what a service logs once it is reached depends on the service.
 * The departure is blamed on the service that should have logged next. The
 * first departure of a trace is its <em>origin</em>: whatever a caller logs about a failure comes
 * after the failure, so counting origins orders cause before effect trace by trace, whatever the
 * mix of requests in the window.
 *
 * <p>Lines without a trace id take part only in the template counts. Not thread-safe while being
 * filled; {@link #evidence()} may then be called from one thread.
 */
final class LogFlows {
    static final int START = -1;
    static final int END = -2;
    /** A transition seen in less than this share of its source's normal occurrences departs from the flow. */
    static final double RARE_SHARE = 0.02;
    /** Sources seen fewer times than this in normal traces say nothing about what should follow. */
    static final int MIN_SUPPORT = 4;
    /** A window trace ending this close to the window's end may just be cut off by it. */
    static final long END_GUARD_NANOS = 10_000_000_000L;
    /** How far ahead an expected statement may still come when concurrent work interleaves. */
    static final int LOOKAHEAD = 50;

    private final AnalysisFrame frame;
    final List<String> templateService = new ArrayList<>();
    final List<Boolean> templateWarn = new ArrayList<>();
    final List<String> templateShape = new ArrayList<>();
    private long[] normalCounts = new long[64];
    private long[] windowCounts = new long[64];
    private long[] ts = new long[1024];
    private int[] template = new int[1024];
    private int[] trace = new int[1024];
    private boolean[] inWindow = new boolean[1024];
    private String[] spanIds = new String[1024];
    private int size;
    private final Map<String, Integer> traceIds = new HashMap<>();
    boolean truncated;

    LogFlows(AnalysisFrame frame) {
        this.frame = frame;
    }

    int size() {
        return size;
    }

    int addTemplate(String service, boolean warnOrError, String shape) {
        templateService.add(service);
        templateWarn.add(warnOrError);
        templateShape.add(shape);
        int id = templateService.size() - 1;
        if (id >= normalCounts.length) {
            normalCounts = Arrays.copyOf(normalCounts, id * 2);
            windowCounts = Arrays.copyOf(windowCounts, id * 2);
        }
        return id;
    }

    void add(long nanos, int templateId, String traceId, String spanId, boolean window) {
        if (size == ts.length) {
            int n = size * 2;
            ts = Arrays.copyOf(ts, n);
            template = Arrays.copyOf(template, n);
            trace = Arrays.copyOf(trace, n);
            inWindow = Arrays.copyOf(inWindow, n);
            spanIds = Arrays.copyOf(spanIds, n);
        }
        ts[size] = nanos;
        template[size] = templateId;
        trace[size] = traceId == null ? -1 : traceIds.computeIfAbsent(traceId, t -> traceIds.size());
        inWindow[size] = window;
        spanIds[size] = spanId;
        size++;
        if (window) {
            windowCounts[templateId]++;
        } else {
            normalCounts[templateId]++;
        }
    }

    String spanId(int entry) {
        return spanIds[entry];
    }

    int template(int entry) {
        return template[entry];
    }

    boolean inWindow(int entry) {
        return inWindow[entry];
    }

    long normalCount(int templateId) {
        return normalCounts[templateId];
    }

    long windowCount(int templateId) {
        return windowCounts[templateId];
    }

    /** One kind of departure: after {@code previous}, {@code actual} instead of {@code expected}. */
    record Departure(int previous, int expected, int actual) {
    }

    /** What the flows say about one service. */
    static final class ServiceFlow {
        final String service;
        /** Window traces whose first departure is blamed on this service. */
        long origins;
        /** All departures blamed on this service. */
        long departures;
        /** Origins by kind, to name the finer cause. */
        final Map<Departure, Long> causes = new HashMap<>();
        /** Occurrences in the window of warn/error templates never seen in normal times. */
        long newWarnings;
        /** The new warning statement with the most lines, or -1. */
        int topNewWarning = -1;
        long topNewWarningCount;
        /** Earliest origin in the window. */
        long firstOriginNanos = Long.MAX_VALUE;

        ServiceFlow(String service) {
            this.service = service;
        }

        Departure topCause() {
            Departure best = null;
            long bestCount = -1;
            for (Map.Entry<Departure, Long> entry : causes.entrySet()) {
                if (entry.getValue() > bestCount) {
                    best = entry.getKey();
                    bestCount = entry.getValue();
                }
            }
            return best;
        }
    }

    /** Flow evidence per service, plus the number of window traces and of those that departed. */
    record FlowEvidence(Map<String, ServiceFlow> services, long windowTraces, long departedTraces) {
    }

    /**
     * @param visited the services each window trace visited according to its spans (trace id →
     *                services); a statement another service should have logged next is blamed on
     *                that service only when the trace visited it
     */
    FlowEvidence evidence(Map<String, java.util.Set<String>> visited) {
        String[] traceNames = new String[traceIds.size()];
        traceIds.forEach((name, index) -> traceNames[index] = name);
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> trace[a] != trace[b] ? Integer.compare(trace[a], trace[b]) : Long.compare(ts[a], ts[b]));
        Map<Long, Long> transitions = new HashMap<>();
        Map<Integer, Long> sources = new HashMap<>();
        Map<Integer, Integer> expected = new HashMap<>();
        List<int[]> windowTraces = new ArrayList<>();
        int i = 0;
        while (i < size) {
            int t = trace[order[i]];
            int j = i;
            while (j < size && trace[order[j]] == t) {
                j++;
            }
            if (t >= 0) {
                if (inWindow[order[i]]) {
                    windowTraces.add(new int[]{i, j});
                } else {
                    int previous = START;
                    for (int k = i; k <= j; k++) {
                        int current = k == j ? END : template[order[k]];
                        transitions.merge(key(previous, current), 1L, Long::sum);
                        sources.merge(previous, 1L, Long::sum);
                        previous = current;
                    }
                }
            }
            i = j;
        }
        // The most frequent successor of every source.
        Map<Integer, Long> bestCount = new HashMap<>();
        for (Map.Entry<Long, Long> entry : transitions.entrySet()) {
            int from = (int) (entry.getKey() >> 32);
            int to = (int) (long) entry.getKey();
            if (entry.getValue() > bestCount.getOrDefault(from, 0L)) {
                bestCount.put(from, entry.getValue());
                expected.put(from, to);
            }
        }
        Map<String, ServiceFlow> services = new TreeMap<>();
        long departed = 0;
        for (int[] range : windowTraces) {
            java.util.Set<String> services0 = visited.getOrDefault(traceNames[trace[order[range[0]]]], java.util.Set.of());
            boolean first = true;
            int previous = START;
            long lastNanos = ts[order[range[1] - 1]];
            for (int k = range[0]; k <= range[1]; k++) {
                int current = k == range[1] ? END : template[order[k]];
                long at = k == range[1] ? lastNanos : ts[order[k]];
                int before = previous;
                previous = current;
                if (before == START || (current == END && lastNanos > frame.window().toNanos() - END_GUARD_NANOS)) {
                    continue;
                }
                long support = sources.getOrDefault(before, 0L);
                String blamed = templateService.get(before);
                int wanted;
                if (support < MIN_SUPPORT) {
                    // No normal flow to compare with: only a warning never seen before stands out.
                    if (current == END || !templateWarn.get(current) || normalCounts[current] > 0
                            || !templateService.get(current).equals(blamed)) {
                        continue;
                    }
                    wanted = END;
                } else {
                    long seen = transitions.getOrDefault(key(before, current), 0L);
                    if (seen >= RARE_SHARE * support) {
                        continue;
                    }
                    wanted = expected.get(before);
                    // A statement repeating itself, a normal flow that was an error path, or an
                    // expected statement that does come a little later (concurrent work in one
                    // trace interleaves) is not a departure.
                    if (current == before || (wanted != END && templateWarn.get(wanted))
                            || (wanted != END && comesLater(order, k, range[1], wanted))) {
                        continue;
                    }
                    boolean newOwnWarning = current != END && templateService.get(current).equals(blamed)
                            && templateWarn.get(current) && normalCounts[current] == 0;
                    if (wanted != END && !templateService.get(wanted).equals(blamed) && services0.contains(templateService.get(wanted))) {
                        if (current != END && templateService.get(current).equals(templateService.get(wanted))) {
                            // The service called next logged, only another entry statement: which of its
                            // operations a caller calls is the caller's path, not the callee's fault.
                            continue;
                        }
                        // The request reached the service that should have logged next, and it did not.
                        blamed = templateService.get(wanted);
                    } else if (!(wanted != END && templateService.get(wanted).equals(blamed)) && !newOwnWarning) {
                        continue;
                    }
                }
                ServiceFlow flow = services.computeIfAbsent(blamed, ServiceFlow::new);
                flow.departures++;
                if (first) {
                    first = false;
                    departed++;
                    flow.origins++;
                    flow.causes.merge(new Departure(before, wanted, current), 1L, Long::sum);
                    flow.firstOriginNanos = Math.min(flow.firstOriginNanos, at);
                }
            }
        }
        for (int id = 0; id < templateService.size(); id++) {
            if (templateWarn.get(id) && normalCounts[id] == 0 && windowCounts[id] > 0) {
                ServiceFlow flow = services.computeIfAbsent(templateService.get(id), ServiceFlow::new);
                flow.newWarnings += windowCounts[id];
                if (windowCounts[id] > flow.topNewWarningCount) {
                    flow.topNewWarning = id;
                    flow.topNewWarningCount = windowCounts[id];
                }
            }
        }
        return new FlowEvidence(services, windowTraces.size(), departed);
    }

    /** Whether {@code statement} occurs in the trace at or after position {@code from}, within {@link #LOOKAHEAD} lines. */
    private boolean comesLater(Integer[] order, int from, int end, int statement) {
        for (int k = from; k < end && k < from + LOOKAHEAD; k++) {
            if (template[order[k]] == statement) {
                return true;
            }
        }
        return false;
    }

    /** A departure in words, with the statements involved. */
    String describe(Departure departure) {
        String actual = departure.actual() == END ? "the trace ended" : "\"" + templateShape.get(departure.actual()) + "\"";
        if (departure.previous() == START) {
            return actual;
        }
        String previous = "\"" + templateShape.get(departure.previous()) + "\"";
        if (departure.expected() == END) {
            return "after " + previous + ": " + actual + " (never seen after it in normal traces)";
        }
        return "after " + previous + ": " + actual + " instead of \"" + templateShape.get(departure.expected()) + "\"";
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }
}
