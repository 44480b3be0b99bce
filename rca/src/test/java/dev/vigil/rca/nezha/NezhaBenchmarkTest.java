package dev.vigil.rca.nezha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Nezha loader and benchmark on a tiny directory of the same layout, written here: two
 * services (a calls b), a fault that makes b's own work twenty times slower, a fault whose files
 * are missing, and a fault list whose {@code inject_timestamp} disagrees with the data.
 */
class NezhaBenchmarkTest {
    private static final String DATE = "2023-01-01";
    private static final String POD_A = "ts-a-service-5f55b6cf68-77cfw";
    private static final String POD_B = "ts-b-service-7f8d7d756d-k7b9j";

    @TempDir
    Path root;
    @TempDir
    Path work;

    private static long nanos(int hour, int minute, double second) {
        return LocalDateTime.of(2023, 1, 1, hour, minute).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + (long) (second * 1e9);
    }

    /** Writes the logs and spans of {@code [from, to)} as the minute file {@code label}, one request every two seconds. */
    private void minuteFiles(Path dir, String label, long from, long to, long faultFrom) throws IOException {
        StringBuilder logs = new StringBuilder("Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,SpanID,Log\n");
        StringBuilder traces = new StringBuilder("TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration\n");
        int n = 0;
        for (long t = from; t < to; t += 2_000_000_000L, n++) {
            String trace = String.format("%032x", t);
            String spanA = String.format("%016x", t / 1000 + 1);
            String spanB = String.format("%016x", t / 1000 + 2);
            long bSelf = t >= faultFrom ? 100_000_000L : 5_000_000L + (n % 3) * 500_000L;
            long aEnd = t + 2_000_000L + bSelf + 1_000_000L;
            traces.append(trace).append(',').append(spanA).append(",root,").append(POD_A).append(",GET /a,").append(t).append(',')
                    .append(aEnd).append(',').append((aEnd - t) / 1000).append('\n');
            traces.append(trace).append(',').append(spanB).append(',').append(spanA).append(',').append(POD_B).append(",work,")
                    .append(t + 1_000_000L).append(',').append(t + 1_000_000L + bSelf).append(',').append(bSelf / 1000).append('\n');
            logs.append(logLine(t + 500_000L, POD_A, trace, spanA, "INFO  a.A#10 handling request " + n));
            logs.append(logLine(t + 1_500_000L, POD_B, trace, spanB, "INFO  b.B#20 working on " + n));
            logs.append(logLine(t + 1_000_000L + bSelf, POD_B, trace, spanB, "INFO  b.B#21 done"));
        }
        gzip(dir.resolve("log").resolve(label + "_log.csv.gz"), logs.toString());
        gzip(dir.resolve("trace").resolve(label + "_trace.csv.gz"), traces.toString());
    }

    private static String logLine(long t, String pod, String trace, String span, String text) {
        String json = "{\"log\":\"16:00:00.000 " + text + "\\n\",\"stream\":\"stdout\"}";
        return "2023-01-01T00:00:00Z," + t + ",10.0.0.1," + pod + ",server," + trace + "," + span + ",\"" + json.replace("\"", "\"\"") + "\"\n";
    }

    private static void gzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
    }

    private void metrics(Path dir, long faultFrom) throws IOException {
        for (String pod : List.of(POD_A, POD_B)) {
            StringBuilder csv = new StringBuilder("Time,TimeStamp,PodName,CpuUsageRate(%),MemoryUsage(Mi)\n");
            for (long t = nanos(9, 0, 9); t < nanos(10, 5, 0); t += 60_000_000_000L) {
                boolean hot = pod.equals(POD_B) && t >= faultFrom;
                csv.append("x,").append(t / 1_000_000_000L).append(',').append(pod).append(',')
                        .append(hot ? 95.0 : 3.0 + (t / 60_000_000_000L) % 3 * 0.2).append(",400\n");
            }
            gzip(dir.resolve("metric").resolve(pod + "_metric.csv.gz"), csv.toString());
        }
    }

    private void layout() throws IOException {
        Path rca = root.resolve("rca_data").resolve(DATE);
        Path construct = root.resolve("construct_data").resolve(DATE);
        long fault = nanos(10, 1, 4);
        // The file labelled 10_01 holds 10:00:09 up to 10:01:09, as in the published data.
        minuteFiles(rca, "10_01", nanos(10, 0, 9), nanos(10, 1, 9), fault);
        minuteFiles(rca, "10_02", nanos(10, 1, 9), nanos(10, 2, 9), fault);
        minuteFiles(rca, "10_03", nanos(10, 2, 9), nanos(10, 3, 9), fault);
        minuteFiles(construct, "09_30", nanos(9, 29, 9), nanos(9, 30, 9), Long.MAX_VALUE);
        metrics(rca, fault);
        metrics(construct, Long.MAX_VALUE);
        Files.writeString(rca.resolve(DATE + "-fault_list.json"), """
                {"10": [{"inject_time": "2023-01-01 10:01:04", "inject_timestamp": "1672560124",
                         "inject_pod": "%s", "inject_type": "cpu_contention"}],
                 "11": [{"inject_time": "2023-01-01 11:00:00", "inject_timestamp": "1672560124",
                         "inject_pod": "%s", "inject_type": "return"}]}
                """.formatted(POD_B, POD_A));
        Files.writeString(root.resolve("root_cause_ts.json"), """
                {"ts-b-service": {"cpu_contention": "CpuUsageRate(%)"}}
                """);
    }

    @Test
    void readsTheLayoutAndMeasuresTheClockOnTheData() throws IOException {
        layout();
        NezhaLayout layout = new NezhaLayout(root);
        assertEquals(List.of(DATE), layout.dates());
        List<NezhaFault> faults = layout.faults(DATE);
        assertEquals(2, faults.size());
        assertEquals("ts-b-service", faults.get(0).service());
        assertEquals(ZoneOffset.UTC, NezhaLayout.labelClock(layout.rcaDir(DATE), DATE));
        // inject_time read in the label clock; the listed epoch (a minute and eight hours off) is ignored.
        assertEquals(nanos(10, 1, 4), NezhaLayout.injectNanos(faults.get(0), ZoneOffset.UTC));
        assertEquals("ts-contacts-service", NezhaLayout.serviceOf("ts-contacts-service-866bd68c97-xcqfx"));
    }

    @Test
    void ranksTheSlowServiceFirstAndSkipsTheCaseWithoutFiles() throws IOException {
        layout();
        List<NezhaCaseResult> seen = new ArrayList<>();
        NezhaReport report = new NezhaBenchmark(new NezhaLayout(root), work, null).run(List.of(DATE), seen::add);
        assertEquals(2, seen.size());
        NezhaCaseResult scored = seen.get(0);
        assertFalse(scored.skipped());
        assertEquals("ts-b-service", scored.rankedServices().get(0), scored.explanations().toString());
        assertEquals(1, scored.rankOfTruth());
        assertEquals(scored.rankedServices().size(), scored.rankedCauses().size());
        assertTrue(scored.events() > 500, "events " + scored.events());
        NezhaCaseResult skipped = seen.get(1);
        assertTrue(skipped.skipped());
        assertTrue(skipped.reason().contains("log/11_00_log.csv.gz"), skipped.reason());
        assertEquals(1.0, report.accuracyAt(1));
        assertEquals(1, report.scored().size());
        // Every per-case data directory is gone.
        try (var left = Files.list(work)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void parsesApplicationLinesAndColumnNames() throws IOException {
        String line = NezhaLoader.applicationLine("{\"log\":\"16:42:22.382 ERROR  c.s.Impl#37 TraceID: x [find][No content]\\n\",\"stream\":\"stdout\"}");
        LogEvent event = NezhaLoader.parseLine(1L, "svc", "pod", line, Map.of());
        assertEquals(Level.ERROR, event.level());
        assertEquals("c.s.Impl#37 TraceID: x [find][No content]", event.message());
        assertEquals(Level.INFO, NezhaLoader.parseLine(1L, "svc", "pod", "plain text line", Map.of()).level());
        assertNull(NezhaLoader.parseLine(1L, "svc", "pod", "   ", Map.of()));
        assertEquals("CpuUsageRate_percent", NezhaLoader.metricName("CpuUsageRate(%)"));
        assertEquals("PodClientLatencyP90_s", NezhaLoader.metricName("PodClientLatencyP90(s)"));
        assertTrue(NezhaBenchmark.causeMatches("CpuUsageRate_percent{pod=\"p\",service=\"s\"}", "CpuUsageRate(%)"));
        assertTrue(NezhaBenchmark.causeMatches("after \"c.s.Impl#31 x\": ...", "c.s.Impl#31_c.s.Impl#34"));
        assertFalse(NezhaBenchmark.causeMatches("after \"c.s.Impl#30 x\"", "c.s.Impl#31_c.s.Impl#34"));
    }

    @Test
    void loadsOnlyWhatComesAtOrAfterTheGivenTime() throws IOException {
        long inject = nanos(10, 1, 4);
        Path logs = root.resolve("logs.csv.gz");
        gzip(logs, "Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,SpanID,Log\n"
                + "t," + (inject - 1) + ",n," + POD_A + ",c,t1,s1,\"{\"\"log\"\":\"\"10:00:01.000 INFO  before\\n\"\"}\"\n"
                + "t," + inject + ",n," + POD_A + ",c,t2,s2,\"{\"\"log\"\":\"\"10:01:04.000 INFO  at\\n\"\"}\"\n"
                + "t," + (inject + 5) + ",n," + POD_A + ",c,t3,s3,\"{\"\"log\"\":\"\"10:01:05.000 INFO  after\\n\"\"}\"\n");
        Path spans = root.resolve("spans.csv.gz");
        gzip(spans, "TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration\n"
                + String.format("%032x,%016x", 1, 1) + ",root," + POD_A + ",GET /a," + (inject - 10) + "," + (inject + 10) + ",0\n"
                + String.format("%032x,%016x", 2, 2) + ",root," + POD_A + ",GET /a," + inject + "," + (inject + 10) + ",0\n");
        Path data = work.resolve("loader");
        TemplateStore templates = TemplateStore.open(data.resolve("templates"));
        try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(data), new TemplateEnricher(templates))) {
            NezhaLoader loader = new NezhaLoader(pipeline);
            assertEquals(2, loader.loadLogs(logs, inject));
            assertEquals(1, loader.loadSpans(spans, inject));
            assertEquals(inject, loader.minNanos());
            assertEquals(3, loader.loadLogs(logs));
        }
    }
}
