package dev.vigil.rca.nezha;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.rca.RcaRequest;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.RootCauseCandidate;

/**
 * Runs the root-cause analysis on every fault of a Nezha-layout directory. Per fault: a fresh
 * data directory (deleted afterwards) gets the fault-free {@code construct_data} logs and spans,
 * the logs and spans of the case's minute files ({@link NezhaLayout#CASE_MINUTES} from the
 * injection minute) from the injection on, and the pod metrics from {@link #METRIC_LOOKBACK}
 * before the injection to the end of the case, all through {@link EventPipeline} with log
 * templates mined at index time as a Vigil node does. The analysis is asked about
 * {@code [injection, end of the case's data)} with the reference period spanning the fault-free
 * data and the lookback (the window itself excluded): logs and spans of the reference are the
 * fault-free ones only, since the minute before an injection may still carry the previous fault.
 * Not thread-safe.
 */
public final class NezhaBenchmark {
    /** How much metric history before the injection the analysis gets as its metric baseline. */
    public static final Duration METRIC_LOOKBACK = Duration.ofMinutes(30);

    private final NezhaLayout layout;
    private final Path workDir;
    private final PrintStream progress;

    /**
     * @param workDir  where the per-case data directories are made (and removed)
     * @param progress progress lines, or null for none
     */
    public NezhaBenchmark(NezhaLayout layout, Path workDir, PrintStream progress) {
        this.layout = layout;
        this.workDir = workDir;
        this.progress = progress;
    }

    /**
     * @param dates the dates to run, or empty for every date of the layout
     * @param sink  receives each case's result as soon as it is known
     */
    public NezhaReport run(List<String> dates, Consumer<NezhaCaseResult> sink) throws IOException {
        List<String> todo = dates.isEmpty() ? layout.dates() : dates;
        if (todo.isEmpty()) {
            throw new IllegalArgumentException(layout.root() + " has no rca_data/<date>/<date>-fault_list.json");
        }
        Map<String, Map<String, String>> rootCauses = rootCauses();
        List<NezhaCaseResult> results = new ArrayList<>();
        for (String date : todo) {
            if (!Files.isRegularFile(layout.faultList(date))) {
                throw new IllegalArgumentException("no fault list for " + date + ": " + layout.faultList(date) + " is missing");
            }
            List<NezhaFault> faults = layout.faults(date);
            ZoneOffset clock = NezhaLayout.labelClock(layout.rcaDir(date), date);
            note("%s: %d faults; file labels and inject_time are in UTC%s (measured on the data)", date, faults.size(),
                    clock.getTotalSeconds() == 0 ? "" : clock.getId());
            for (int i = 0; i < faults.size(); i++) {
                NezhaFault fault = faults.get(i);
                NezhaCaseResult result = runCase(date, fault, clock, rootCauses);
                results.add(result);
                sink.accept(result);
                if (result.skipped()) {
                    note("[%d/%d] %s %s %s: skipped (%s)", i + 1, faults.size(), fault.injectTime(), fault.service(), fault.type(), result.reason());
                } else {
                    note("[%d/%d] %s %s %s: true service ranked %s; top %s (load %.0f ms, RCA %.0f ms)", i + 1, faults.size(),
                            fault.injectTime(), fault.service(), fault.type(),
                            result.rankOfTruth() == 0 ? "nowhere" : "#" + result.rankOfTruth(),
                            result.rankedServices().isEmpty() ? "-" : result.rankedServices().get(0), result.loadMillis(), result.rcaMillis());
                }
            }
        }
        return new NezhaReport(results);
    }

    NezhaCaseResult runCase(String date, NezhaFault fault, ZoneOffset clock, Map<String, Map<String, String>> rootCauses) throws IOException {
        long inject = NezhaLayout.injectNanos(fault, clock);
        Path caseDir = layout.rcaDir(date);
        List<Path> logs = new ArrayList<>();
        List<Path> traces = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (LocalTime minute : NezhaLayout.caseMinutes(fault)) {
            Path log = NezhaLayout.logFile(caseDir, minute);
            Path trace = NezhaLayout.traceFile(caseDir, minute);
            for (Path file : List.of(log, trace)) {
                if (!Files.isRegularFile(file)) {
                    missing.add(caseDir.relativize(file).toString());
                }
            }
            logs.add(log);
            traces.add(trace);
        }
        if (!missing.isEmpty()) {
            return NezhaCaseResult.skipped(date, fault, inject, "missing " + String.join(", ", missing));
        }
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        Path dataDir = Files.createTempDirectory(workDir, "nezha-case-");
        try {
            TemplateStore templates = TemplateStore.open(dataDir.resolve("templates"));
            try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir), new TemplateEnricher(templates))) {
                NezhaLoader loader = new NezhaLoader(pipeline);
                long events = 0;
                Path construct = layout.constructDir(date);
                for (Path file : NezhaLayout.files(construct, "log")) {
                    events += loader.loadLogs(file);
                }
                for (Path file : NezhaLayout.files(construct, "trace")) {
                    events += loader.loadSpans(file);
                }
                long constructFrom = loader.minNanos();
                long constructTo = loader.maxNanos();
                loader.resetExtent();
                // A case's first minute file also holds the minute before the injection, which may
                // still carry the previous fault: the fault-free construct period is the reference.
                for (Path file : logs) {
                    events += loader.loadLogs(file, inject);
                }
                for (Path file : traces) {
                    events += loader.loadSpans(file, inject);
                }
                long caseTo = loader.maxNanos();
                if (caseTo <= inject) {
                    return NezhaCaseResult.skipped(date, fault, inject, "the case's files hold no data after the injection");
                }
                long metricFrom = inject - METRIC_LOOKBACK.toNanos();
                for (Path file : NezhaLayout.metricFiles(caseDir).values()) {
                    events += loader.loadMetrics(file, metricFrom, caseTo + 1);
                }
                loader.awaitSearchable();
                double loadMillis = (System.nanoTime() - started) / 1e6;
                TimeRange window = new TimeRange(inject, caseTo + 1);
                long referenceFrom = Math.min(metricFrom, constructFrom == Long.MAX_VALUE ? metricFrom : constructFrom);
                long referenceTo = Math.max(inject, constructTo == Long.MIN_VALUE ? inject : constructTo + 1);
                TimeRange reference = new TimeRange(referenceFrom, referenceTo);
                RcaResult result = new RootCauseAnalyzer(pipeline).analyze(new RcaRequest(window, null, reference));
                Map<String, String> causes = new LinkedHashMap<>();
                for (RootCauseCandidate candidate : result.candidates()) {
                    causes.putIfAbsent(candidate.service(), candidate.subject());
                }
                List<String> services = List.copyOf(causes.keySet());
                String expected = rootCauses.getOrDefault(fault.service(), Map.of()).get(fault.type());
                Boolean matched = expected == null ? null : causeMatches(causes.get(fault.service()), expected);
                return new NezhaCaseResult(date, fault, inject, false, null, services, List.copyOf(causes.values()), expected, matched,
                        events, loadMillis, result.tookMillis(), explanations(result));
            }
        } finally {
            delete(dataDir);
        }
    }

    private static List<String> explanations(RcaResult result) {
        List<String> out = new ArrayList<>();
        Set<String> services = new HashSet<>();
        for (RootCauseCandidate candidate : result.candidates()) {
            // The first candidate of each of the first five services: enough to see why the true one lost.
            if (services.size() == 5) {
                break;
            }
            if (!services.add(candidate.service())) {
                continue;
            }
            StringBuilder text = new StringBuilder(candidate.service()).append(" (").append(candidate.score()).append("): ")
                    .append(candidate.explanation());
            candidate.evidence().stream().filter(e -> e.description().startsWith("components")).findFirst()
                    .ifPresent(e -> text.append(" [").append(e.description()).append(']'));
            out.add(text.toString());
        }
        return out;
    }

    /**
     * Whether a ranked cause names the expected one: a metric cause by its column (through
     * {@link NezhaLoader#metricName}), a log cause when it contains one of the statements of the
     * expected region ({@code A_B}: the statements A and B, as logger#line or message text).
     */
    static boolean causeMatches(String cause, String expected) {
        if (cause == null) {
            return false;
        }
        if (expected.contains("(") || !expected.contains("_") && !expected.contains(" ")) {
            return cause.startsWith(NezhaLoader.metricName(expected));
        }
        for (String part : expected.split("_")) {
            if (!part.isBlank() && cause.contains(part.strip())) {
                return true;
            }
        }
        return false;
    }

    Map<String, Map<String, String>> rootCauses() throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        Path file = layout.rootCauses();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = new JsonFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String service = parser.currentName();
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                Map<String, String> byType = out.computeIfAbsent(service, s -> new HashMap<>());
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String type = parser.currentName();
                    parser.nextToken();
                    byType.put(type, parser.getValueAsString());
                }
            }
        }
        return out;
    }

    private void note(String format, Object... args) {
        if (progress != null) {
            progress.println(String.format(Locale.ROOT, format, args));
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is harmless; the next case uses a new one.
        }
    }
}
