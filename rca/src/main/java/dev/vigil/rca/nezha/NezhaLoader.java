package dev.vigil.rca.nezha;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;

/**
 * Turns Nezha CSV files into Vigil events and appends them through the pipeline (journal, then
 * index), in batches, as any receiver does. Logs: the container JSON's {@code log} field is the
 * application's line; its leading clock time is dropped (the event has the exact timestamp) and a
 * level word right after it becomes the level. Spans: {@code root} parents become none. Metrics:
 * every numeric column of a pod file becomes a gauge {@code <column>} with labels {@code service}
 * and {@code pod} (see {@link #metricName}). Rows that do not make a valid event are counted and
 * skipped. Not thread-safe; one loader per pipeline and thread.
 */
final class NezhaLoader {
    private static final int BATCH = 5_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final EventPipeline pipeline;
    private final Map<String, String> services = new HashMap<>();
    private final Map<String, MetricSample.Labels> podLabels = new HashMap<>();
    private long lastJournalIndex = -1;
    private long rejected;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos = Long.MIN_VALUE;

    NezhaLoader(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Rows skipped because they did not make a valid event. */
    long rejected() {
        return rejected;
    }

    /** Earliest log or span timestamp loaded since the last {@link #resetExtent()}, or Long.MAX_VALUE. */
    long minNanos() {
        return minNanos;
    }

    /** Latest log or span end loaded since the last {@link #resetExtent()}, or Long.MIN_VALUE. */
    long maxNanos() {
        return maxNanos;
    }

    void resetExtent() {
        minNanos = Long.MAX_VALUE;
        maxNanos = Long.MIN_VALUE;
    }

    /** Waits until everything appended so far is searchable. */
    void awaitSearchable() {
        if (lastJournalIndex >= 0) {
            pipeline.awaitSearchable(lastJournalIndex).join();
        }
    }

    /** @return events appended */
    long loadLogs(Path file) throws IOException {
        return loadLogs(file, Long.MIN_VALUE);
    }

    /**
     * Loads the log lines written at or after {@code fromNanos}.
     *
     * @return events appended
     */
    long loadLogs(Path file, long fromNanos) throws IOException {
        try (CsvLines csv = new CsvLines(file)) {
            int time = require(csv, "TimeUnixNano", file);
            int pod = require(csv, "PodName", file);
            int log = require(csv, "Log", file);
            int trace = csv.column("TraceID");
            int span = csv.column("SpanID");
            int node = csv.column("Node");
            return appendRows(EventKind.LOG, csv, (row, out) -> {
                long nanos = Long.parseLong(row.get(time));
                if (nanos < fromNanos) {
                    return;
                }
                String podName = row.get(pod);
                String line = applicationLine(row.get(log));
                Map<String, String> attributes = new HashMap<>();
                put(attributes, "trace_id", row, trace);
                put(attributes, "span_id", row, span);
                put(attributes, "node", row, node);
                LogEvent event = parseLine(nanos, service(podName), podName, line, attributes);
                if (event != null) {
                    out.add(event);
                    extent(nanos, nanos);
                }
            });
        }
    }

    /** @return events appended */
    long loadSpans(Path file) throws IOException {
        return loadSpans(file, Long.MIN_VALUE);
    }

    /**
     * Loads the spans that start at or after {@code fromNanos}.
     *
     * @return events appended
     */
    long loadSpans(Path file, long fromNanos) throws IOException {
        try (CsvLines csv = new CsvLines(file)) {
            int traceId = require(csv, "TraceID", file);
            int spanId = require(csv, "SpanID", file);
            int parent = require(csv, "ParentID", file);
            int pod = require(csv, "PodName", file);
            int operation = require(csv, "OperationName", file);
            int start = require(csv, "StartTimeUnixNano", file);
            int end = csv.column("EndTimeUnixNano");
            int duration = csv.column("Duration");
            return appendRows(EventKind.SPAN, csv, (row, out) -> {
                long startNanos = Long.parseLong(row.get(start));
                if (startNanos < fromNanos) {
                    return;
                }
                long durationNanos = end >= 0 && !row.get(end).isEmpty() ? Long.parseLong(row.get(end)) - startNanos
                        : Long.parseLong(row.get(duration)) * 1_000L;
                String parentId = row.get(parent);
                String podName = row.get(pod);
                Span event = new Span(row.get(traceId), row.get(spanId),
                        parentId.isEmpty() || parentId.equalsIgnoreCase("root") ? null : parentId,
                        service(podName), row.get(operation), startNanos, Math.max(0, durationNanos), SpanStatus.UNSET,
                        Map.of("pod", podName));
                out.add(event);
                extent(startNanos, event.endNanos());
            });
        }
    }

    /**
     * Loads the rows of a pod metric file whose time lies in {@code [fromNanos, toNanos)}.
     *
     * @return samples appended
     */
    long loadMetrics(Path file, long fromNanos, long toNanos) throws IOException {
        try (CsvLines csv = new CsvLines(file)) {
            int time = require(csv, "TimeStamp", file);
            int pod = require(csv, "PodName", file);
            List<String> header = csv.header();
            String[] names = new String[header.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = i == time || i == pod || header.get(i).equals("Time") ? null : metricName(header.get(i));
            }
            return appendRows(EventKind.METRIC, csv, (row, out) -> {
                long nanos = Long.parseLong(row.get(time).trim()) * 1_000_000_000L;
                if (nanos < fromNanos || nanos >= toNanos) {
                    return;
                }
                String podName = row.get(pod);
                MetricSample.Labels labels = podLabels.computeIfAbsent(podName,
                        p -> MetricSample.Labels.of(Map.of("service", service(p), "pod", p)));
                for (int i = 0; i < names.length && i < row.size(); i++) {
                    if (names[i] == null) {
                        continue;
                    }
                    double value;
                    try {
                        value = Double.parseDouble(row.get(i));
                    } catch (NumberFormatException e) {
                        continue; // an empty or "nan" cell: that figure was not recorded this minute
                    }
                    if (Double.isFinite(value)) {
                        out.add(new MetricSample(names[i], labels, nanos, value));
                    }
                }
            });
        }
    }

    /**
     * Turns one CSV row into events; a RuntimeException rejects the row (counted, nothing added),
     * an IOException (an unreadable container line) stops the load.
     */
    @FunctionalInterface
    private interface RowReader {
        void read(List<String> row, List<Event> out) throws IOException;
    }

    /**
     * Reads every remaining row of {@code csv} through {@code reader} and appends the events in
     * batches of {@link #BATCH}.
     *
     * @return events appended
     */
    private long appendRows(EventKind kind, CsvLines csv, RowReader reader) throws IOException {
        List<Event> batch = new ArrayList<>(BATCH);
        List<Event> fromRow = new ArrayList<>();
        long count = 0;
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            fromRow.clear();
            try {
                reader.read(row, fromRow);
            } catch (RuntimeException e) {
                rejected++;
                continue;
            }
            batch.addAll(fromRow);
            if (batch.size() >= BATCH) {
                count += flush(kind, batch);
            }
        }
        return count + flush(kind, batch);
    }

    /**
     * A column header as a metric name: the unit in parentheses becomes a suffix
     * ({@code CpuUsageRate(%)} → {@code CpuUsageRate_percent}, {@code PodClientLatencyP90(s)} →
     * {@code PodClientLatencyP90_s}), anything else not allowed in a name becomes {@code _}.
     */
    static String metricName(String column) {
        String name = column.trim().replace("(%)", "_percent").replace("(", "_").replace(")", "");
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (i > 0 && c >= '0' && c <= '9');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    private String service(String pod) {
        return services.computeIfAbsent(pod, NezhaLayout::serviceOf);
    }

    private static void put(Map<String, String> attributes, String key, List<String> row, int column) {
        if (column >= 0 && column < row.size() && !row.get(column).isEmpty()) {
            attributes.put(key, row.get(column));
        }
    }

    /** The {@code log} field of a container JSON line, or the text itself when it is not JSON. */
    static String applicationLine(String container) throws IOException {
        if (container.isEmpty() || container.charAt(0) != '{') {
            return container;
        }
        try (JsonParser parser = JSON.createParser(container)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return container;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("log")) {
                    return parser.getValueAsString();
                }
                parser.skipChildren();
            }
        }
        return container;
    }

    /**
     * A log event from an application line: a leading clock time ({@code 16:42:22.382}) is dropped
     * and a level word right after it (or first) becomes the level. Blank lines make no event.
     */
    static LogEvent parseLine(long nanos, String service, String pod, String line, Map<String, String> attributes) {
        String text = line.strip();
        if (text.isEmpty()) {
            return null;
        }
        int cut = 0;
        int space = text.indexOf(' ');
        if (space > 0 && looksLikeClock(text, space)) {
            cut = skipSpaces(text, space);
        }
        Level level = Level.INFO;
        int wordEnd = text.indexOf(' ', cut);
        String word = text.substring(cut, wordEnd < 0 ? text.length() : wordEnd).replace("[", "").replace("]", "");
        Level parsed = level(word);
        if (parsed != null && wordEnd > 0) {
            level = parsed;
            cut = skipSpaces(text, wordEnd);
        }
        String message = text.substring(cut);
        return new LogEvent(nanos, service, pod, level, message.isEmpty() ? text : message, attributes);
    }

    private static boolean looksLikeClock(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != ':' && c != '.' && c != ',') {
                return false;
            }
        }
        return text.indexOf(':') > 0 && text.indexOf(':') < end;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static Level level(String word) {
        if (word.isEmpty() || word.length() > 11) {
            return null;
        }
        try {
            return Level.parse(word.toLowerCase(Locale.ROOT));
        } catch (InvalidFieldException e) {
            return null;
        }
    }

    private void extent(long from, long to) {
        minNanos = Math.min(minNanos, from);
        maxNanos = Math.max(maxNanos, to);
    }

    private long flush(EventKind kind, List<Event> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int size = batch.size();
        List<Event> events = List.copyOf(batch);
        while (true) {
            try {
                lastJournalIndex = pipeline.append(kind, events).join();
                break;
            } catch (IndexBehindException e) {
                // Back-pressure: let the indexer catch up with what is in the journal, then retry.
                awaitSearchable();
            }
        }
        batch.clear();
        return size;
    }

    private static int require(CsvLines csv, String column, Path file) throws IOException {
        int index = csv.column(column);
        if (index < 0) {
            throw new IOException(file + " has no " + column + " column (header: " + csv.header() + ")");
        }
        return index;
    }
}
