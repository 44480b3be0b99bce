package dev.vigil.api.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentIds;
import dev.vigil.rca.incidents.IncidentStore;
import dev.vigil.reports.health.ChartRenderer;
import dev.vigil.reports.health.HealthReport;
import dev.vigil.reports.health.HealthReportAssembler;
import dev.vigil.reports.health.ReportFiles;
import dev.vigil.reports.incident.IncidentChartRenderer;
import dev.vigil.reports.incident.IncidentReport;
import dev.vigil.reports.incident.IncidentReportAssembler;
import dev.vigil.reports.incident.IncidentReportFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil report health|incident ...}: writes a report to a directory, from a running server
 * ({@code --url}, the default) or straight from a data directory ({@code --data-dir}, only while no
 * server runs on it). A progress bar on standard error follows the steps.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a health report for a window or the report of one incident, as Markdown (charts beside it) and/or PDF.",
                "Reads from a running server (--url) or from a data directory no server is using (--data-dir)."},
        subcommands = {ReportCommand.Health.class, ReportCommand.IncidentReportCommand.class, CommandLine.HelpCommand.class})
final class ReportCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** What every report subcommand takes. */
    static class Common {
        @Option(names = "--format", paramLabel = "md|pdf|both", description = "md, pdf or both (default: both).")
        String format = "both";

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
        Path out;

        @Option(names = "--url", description = "The server (default: http://localhost:" + VigilConfig.DEFAULT_PORT + ").")
        URI url;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Read this data directory instead of a server (stop the server first).")
        Path dataDir;

        boolean markdown() {
            return format.equals("md") || format.equals("both");
        }

        boolean pdf() {
            return format.equals("pdf") || format.equals("both");
        }

        /** A usage problem in one sentence, or null. */
        String problem() {
            if (!List.of("md", "pdf", "both").contains(format)) {
                return "--format must be md, pdf or both, not '" + format + "'";
            }
            if (url != null && dataDir != null) {
                return "give either --url or --data-dir, not both";
            }
            if (dataDir != null && !Files.isDirectory(dataDir)) {
                return "--data-dir " + dataDir + " is not a directory";
            }
            return null;
        }

        URI server() {
            return url != null ? url : URI.create("http://localhost:" + VigilConfig.DEFAULT_PORT);
        }
    }

    /** {@code vigil report health --from T --to T ...}. */
    @Command(name = "health", mixinStandardHelpOptions = true,
            description = "Write the health report of a window: health-report.md (charts in health-report-charts/) and health-report.pdf.")
    static final class Health extends Common implements Callable<Integer> {
        @Option(names = "--from", required = true, description = "Start, RFC 3339 (2026-11-02T10:00:00Z).")
        String from;

        @Option(names = "--to", required = true, description = "End, RFC 3339.")
        String to;

        @Override
        public Integer call() throws Exception {
            String problem = problem();
            TimeRange window = null;
            if (problem == null) {
                try {
                    window = TimeRange.of(Instant.parse(from), Instant.parse(to));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    problem = "--from and --to must be RFC 3339 times with from before to, e.g. 2026-11-02T10:00:00Z: " + e.getMessage();
                }
            }
            if (problem != null) {
                System.err.println(problem);
                return 2;
            }
            Files.createDirectories(out);
            if (dataDir != null) {
                // Opening (2), assembling (3 or more: one more per incident found), writing the files (9).
                StepBar bar = new StepBar(System.err, "health report", 14);
                try (LocalData data = LocalData.open(dataDir, bar)) {
                    HealthReport report = new HealthReportAssembler(data.pipeline).assemble(window, bar::step);
                    new ReportFiles().write(report, out, bar::step);
                    removeUnwanted(out, ReportFiles.MARKDOWN_FILE, ReportFiles.PDF_FILE, ReportFiles.CHART_DIR);
                }
                bar.finish();
            } else {
                String range = "from=" + enc(window.from().toString()) + "&to=" + enc(window.to().toString());
                List<String> charts = List.of(ChartRenderer.REQUEST_RATE_FILE, ChartRenderer.ERROR_RATE_FILE, ChartRenderer.P95_LATENCY_FILE);
                StepBar bar = new StepBar(System.err, "health report", (markdown() ? 1 + charts.size() : 0) + (pdf() ? 1 : 0));
                Remote remote = new Remote(server());
                try {
                    if (markdown()) {
                        bar.step("asking for the Markdown (the server assembles the report)");
                        remote.save("/api/v1/reports/health?format=md&chart_base=" + ReportFiles.CHART_DIR + "&" + range,
                                out.resolve(ReportFiles.MARKDOWN_FILE));
                        Files.createDirectories(out.resolve(ReportFiles.CHART_DIR));
                        // Exactly the charts the Markdown links: the SLO budget chart, for one, only
                        // exists for windows with SLOs.
                        for (String chart : linkedCharts(out.resolve(ReportFiles.MARKDOWN_FILE), ReportFiles.CHART_DIR, charts)) {
                            bar.step("chart " + chart);
                            remote.save("/api/v1/reports/health/charts/" + chart + "?" + range, out.resolve(ReportFiles.CHART_DIR).resolve(chart));
                        }
                    }
                    if (pdf()) {
                        bar.step("asking for the PDF");
                        remote.save("/api/v1/reports/health?format=pdf&" + range, out.resolve(ReportFiles.PDF_FILE));
                    }
                } catch (RemoteFailure e) {
                    System.err.println(e.getMessage());
                    return 1;
                }
                bar.finish();
            }
            printWritten(out, ReportFiles.MARKDOWN_FILE, ReportFiles.PDF_FILE);
            return 0;
        }

        private void removeUnwanted(Path dir, String md, String pdfFile, String chartDir) throws IOException {
            if (!markdown()) {
                Files.deleteIfExists(dir.resolve(md));
                try (var charts = Files.list(dir.resolve(chartDir))) {
                    for (Path p : charts.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir.resolve(chartDir));
            }
            if (!pdf()) {
                Files.deleteIfExists(dir.resolve(pdfFile));
            }
        }
    }

    /** {@code vigil report incident ID ...}. */
    @Command(name = "incident", mixinStandardHelpOptions = true,
            description = "Write the report of one incident: incident-report.md (chart in incident-report-charts/) and incident-report.pdf.")
    static final class IncidentReportCommand extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident id, e.g. 20261102-k3f9qz.")
        String id;

        @Override
        public Integer call() throws Exception {
            String problem = problem();
            if (problem == null && !IncidentIds.isValid(id)) {
                problem = "'" + id + "' is not an incident id such as 20261102-k3f9qz";
            }
            if (problem != null) {
                System.err.println(problem);
                return 2;
            }
            Files.createDirectories(out);
            if (dataDir != null) {
                // Opening (2), assembling (3), the chart (1), then each file asked for.
                StepBar bar = new StepBar(System.err, "incident report", 6 + (markdown() ? 1 : 0) + (pdf() ? 1 : 0));
                try (LocalData data = LocalData.open(dataDir, bar)) {
                    Incident incident = IncidentStore.open(dataDir.resolve("incidents")).get(id).orElse(null);
                    if (incident == null) {
                        bar.finish();
                        System.err.println("no incident '" + id + "' in " + dataDir);
                        return 1;
                    }
                    IncidentReport report = new IncidentReportAssembler(data.pipeline, new ChangeIntelligence(data.pipeline, data.templates))
                            .assemble(incident, bar::step);
                    new IncidentReportFiles().write(report, out, markdown(), pdf(), bar::step);
                }
                bar.finish();
            } else {
                StepBar bar = new StepBar(System.err, "incident report", (markdown() ? 2 : 0) + (pdf() ? 1 : 0));
                Remote remote = new Remote(server());
                String base = "/api/v1/incidents/" + id + "/report";
                try {
                    if (markdown()) {
                        bar.step("asking for the Markdown (the server assembles the report)");
                        remote.save(base + "?format=md&chart_base=" + IncidentReportFiles.CHART_DIR, out.resolve(IncidentReportFiles.MARKDOWN_FILE));
                        bar.step("chart " + IncidentChartRenderer.USERS_VIEW_FILE);
                        Files.createDirectories(out.resolve(IncidentReportFiles.CHART_DIR));
                        remote.save(base + "/charts/" + IncidentChartRenderer.USERS_VIEW_FILE,
                                out.resolve(IncidentReportFiles.CHART_DIR).resolve(IncidentChartRenderer.USERS_VIEW_FILE));
                    }
                    if (pdf()) {
                        bar.step("asking for the PDF");
                        remote.save(base + "?format=pdf", out.resolve(IncidentReportFiles.PDF_FILE));
                    }
                } catch (RemoteFailure e) {
                    System.err.println(e.getMessage());
                    return 1;
                }
                bar.finish();
            }
            printWritten(out, IncidentReportFiles.MARKDOWN_FILE, IncidentReportFiles.PDF_FILE);
            return 0;
        }
    }

    private static void printWritten(Path out, String... files) {
        for (String f : files) {
            if (Files.isRegularFile(out.resolve(f))) {
                System.out.println("wrote " + out.resolve(f));
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The server could not be reached or refused a request; the message says which and why. */
    /** The PNG files under {@code chartDir} that the Markdown file links, in order; {@code fallback} when it links none. */
    static List<String> linkedCharts(Path markdown, String chartDir, List<String> fallback) throws IOException {
        Matcher m = Pattern.compile("\\]\\(" + Pattern.quote(chartDir) + "/([A-Za-z0-9._-]+\\.png)\\)")
                .matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names.isEmpty() ? fallback : List.copyOf(names);
    }

    static final class RemoteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        RemoteFailure(String message) {
            super(message);
        }
    }

    /** GETs from a server and saves the body; a non-200 answer stops the command with the server's error. */
    private static final class Remote {
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        Remote(URI base) {
            this.base = base;
        }

        void save(String pathAndQuery, Path target) throws IOException, InterruptedException {
            URI uri = base.resolve(pathAndQuery);
            HttpResponse<byte[]> reply;
            try {
                reply = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new RemoteFailure("cannot reach " + base + " (" + e + "); is the server running? "
                        + "Use --data-dir to read the data directory of a stopped one");
            }
            if (reply.statusCode() != 200) {
                throw new RemoteFailure("GET " + uri + " answered " + reply.statusCode() + ": " + new String(reply.body(), StandardCharsets.UTF_8));
            }
            Files.write(target, reply.body());
        }
    }

    /** The pipeline and templates of a data directory, opened read-mostly and closed after the report. */
    private static final class LocalData implements AutoCloseable {
        final EventPipeline pipeline;
        final TemplateStore templates;

        private LocalData(EventPipeline pipeline, TemplateStore templates) {
            this.pipeline = pipeline;
            this.templates = templates;
        }

        static LocalData open(Path dataDir, StepBar bar) throws IOException, InterruptedException {
            bar.step("opening " + dataDir);
            VigilConfig config = VigilConfig.defaults().with("data-dir", dataDir.toString());
            TemplateStore templates = TemplateStore.open(config.dataDir().resolve("templates"));
            EventPipeline pipeline = EventPipeline.open(config.pipeline(), new TemplateEnricher(templates));
            bar.step("replaying the journal into the index");
            // The index may lag the journal (a crash, a copy): reports must see everything.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (!pipeline.ready() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            try {
                pipeline.awaitSearchable(pipeline.journal().lastIndex()).get(5, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                pipeline.close();
                throw new IOException("the index of " + dataDir + " did not catch up with its journal: " + e.getMessage(), e);
            }
            return new LocalData(pipeline, templates);
        }

        @Override
        public void close() throws IOException {
            pipeline.close();
        }
    }

    /**
     * A step progress bar on standard error ({@code label [#####     ] 3/6 what}): redrawn in place on a
     * terminal, one line per step otherwise. {@link ProgressBar} counts bytes and events; a report has
     * steps. Not thread-safe.
     */
    static final class StepBar {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private final String label;
        private final int total;
        private final boolean terminal = System.console() != null;
        private int done;

        StepBar(PrintStream out, String label, int total) {
            this.out = out;
            this.label = label;
            this.total = Math.max(1, total);
        }

        void step(String what) {
            done = Math.min(done + 1, total);
            draw(what, false);
        }

        void finish() {
            done = total;
            draw("done", true);
        }

        private void draw(String what, boolean last) {
            int filled = (int) Math.round((double) done / total * WIDTH);
            String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d %s", label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, what);
            if (terminal) {
                out.print("\r\033[K" + line + (last ? "\n" : ""));
            } else {
                out.println(line);
            }
            out.flush();
        }
    }
}
