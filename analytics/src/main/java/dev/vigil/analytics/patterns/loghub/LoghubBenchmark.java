package dev.vigil.analytics.patterns.loghub;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.vigil.analytics.patterns.TemplateMiner;

/**
 * Scores the template miner on a Loghub-layout directory (see {@link LoghubLayout}): every system
 * is mined with the same default {@link TemplateMiner} configuration, one fresh miner per system,
 * in one pass; each line gets the text of the template its id resolves to at the end (ids merged
 * later resolve to the merged template). Header formats only cut the header off each line.
 *
 * <p>GA and FGA are scored against the ground truth as published, PA and FTA against the
 * corrected ground truth when the directory has it (else the published one); GA against the
 * corrected one is reported too. Throughput is mining only (lines already split from their
 * header), CPU time of one thread (so other load on the machine does not count), after a warm-up,
 * the median of several runs; each run mines a system's lines five times with one miner, so it
 * measures the steady state of a running miner rather than its first few hundred lines.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class LoghubBenchmark {
    private static final int TIMED_RUNS = 7;
    private static final String SERVICE = "loghub";

    /** The figures of one system. */
    public record SystemResult(String system, int lines, ParsingScores published, ParsingScores corrected,
                               double linesPerSecond, int linesWithoutHeaderMatch) {
    }

    /** All systems, their means and the overall throughput; {@code problems} names systems that could not be scored. */
    public record Result(List<SystemResult> systems, List<String> problems, double linesPerSecond) {
        public double mean(java.util.function.ToDoubleFunction<SystemResult> figure) {
            return systems.stream().mapToDouble(figure).average().orElse(0);
        }
    }

    private record Prepared(LoghubLayout.SystemFiles files, List<String> contents, List<Integer> lineIds,
                            List<String> published, List<String> corrected, int withoutHeaderMatch) {
    }

    private LoghubBenchmark() {
    }

    /**
     * Runs the benchmark over every system in {@code data}; writes {@code <log>_structured.csv}
     * ({@code LineId,EventTemplate}) per system into {@code out} when it is not {@code null}.
     *
     * @throws IOException when {@code data} is not a directory or holds no system
     */
    public static Result run(Path data, Path out) throws IOException {
        List<LoghubLayout.SystemFiles> systems = LoghubLayout.systems(data);
        if (systems.isEmpty()) {
            throw new IOException(data + " holds no Loghub system: expected sub-directories S/ with S_2k.log and S_2k.log_structured.csv");
        }
        List<String> problems = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (LoghubLayout.SystemFiles files : systems) {
            if (files.format().isEmpty()) {
                problems.add(files.name() + ": header format unknown; put it in " + files.log().getParent().resolve(LoghubLayout.FORMAT_FILE)
                        + " (e.g. <Date> <Time> <Level> <Component>: <Content>)");
                continue;
            }
            try {
                prepared.add(prepare(files));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(files.name() + ": " + e.getMessage());
            }
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        List<SystemResult> results = new ArrayList<>();
        for (Prepared p : prepared) {
            List<String> parsed = mine(p.contents());
            if (out != null) {
                writeStructured(out.resolve(p.files().logName() + "_structured.csv"), p.lineIds(), parsed);
            }
            ParsingScores published = ParsingScores.of(p.published(), parsed);
            ParsingScores corrected = p.corrected() == null ? published : ParsingScores.of(p.corrected(), parsed);
            results.add(new SystemResult(p.files().name(), p.contents().size(), published, corrected, 0, p.withoutHeaderMatch()));
        }
        double overall = measureThroughput(prepared, results);
        return new Result(results, problems, overall);
    }

    /** The template text of every line, resolved after the whole pass. */
    static List<String> mine(List<String> contents) {
        TemplateMiner miner = new TemplateMiner();
        List<String> ids = new ArrayList<>(contents.size());
        for (String content : contents) {
            ids.add(miner.mine(SERVICE, content).templateId());
        }
        List<String> texts = new ArrayList<>(ids.size());
        for (String id : ids) {
            texts.add(miner.lookup(id).orElseThrow().text());
        }
        return texts;
    }

    private static double measureThroughput(List<Prepared> prepared, List<SystemResult> results) {
        // Warm-up: the JIT compiles the miner on these runs, not the measured ones.
        for (int r = 0; r < 3; r++) {
            for (Prepared p : prepared) {
                mineOnce(p.contents());
            }
        }
        long[][] nanos = new long[prepared.size()][TIMED_RUNS];
        long[] totals = new long[TIMED_RUNS];
        for (int r = 0; r < TIMED_RUNS; r++) {
            for (int s = 0; s < prepared.size(); s++) {
                long took = mineOnce(prepared.get(s).contents());
                nanos[s][r] = took;
                totals[r] += took;
            }
        }
        long lines = 0;
        for (int s = 0; s < prepared.size(); s++) {
            SystemResult old = results.get(s);
            double rate = old.lines() / (median(nanos[s]) / 1e9);
            results.set(s, new SystemResult(old.system(), old.lines(), old.published(), old.corrected(), rate, old.linesWithoutHeaderMatch()));
            lines += old.lines();
        }
        return lines / (median(totals) / 1e9);
    }

    /** CPU time of this thread mining the lines (wall time would count other processes on a shared machine). */
    private static long mineOnce(List<String> contents) {
        TemplateMiner miner = new TemplateMiner();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        for (int r = 0; r < 5; r++) {
            for (String content : contents) {
                miner.mine(SERVICE, content);
            }
        }
        long took = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
        return Math.max(1, took / 5);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Prepared prepare(LoghubLayout.SystemFiles files) throws IOException {
        LogFormat format = LogFormat.parse(files.format().orElseThrow());
        List<String> lines = Files.readAllLines(files.log(), StandardCharsets.UTF_8);
        List<String> contents = new ArrayList<>(lines.size());
        int withoutMatch = 0;
        for (String line : lines) {
            String content = format.content(line);
            if (content == null) {
                withoutMatch++;
                content = line;
            }
            contents.add(content);
        }
        Map<Integer, String> published = templatesByLine(files.truth());
        Map<Integer, String> corrected = files.correctedTruth().isPresent() ? templatesByLine(files.correctedTruth().get()) : null;
        List<Integer> lineIds = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> publishedTexts = new ArrayList<>();
        List<String> correctedTexts = corrected == null ? null : new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            int lineId = i + 1;
            String truth = published.get(lineId);
            if (truth == null) {
                continue;   // a line the ground truth does not label is not scored
            }
            lineIds.add(lineId);
            kept.add(contents.get(i));
            publishedTexts.add(truth);
            if (correctedTexts != null) {
                correctedTexts.add(Optional.ofNullable(corrected.get(lineId)).orElse(truth));
            }
        }
        if (kept.isEmpty()) {
            throw new IOException(files.truth() + " labels none of the lines of " + files.log());
        }
        return new Prepared(files, kept, lineIds, publishedTexts, correctedTexts, withoutMatch);
    }

    /** LineId → EventTemplate of a structured ground-truth file. */
    static Map<Integer, String> templatesByLine(Path file) throws IOException {
        List<List<String>> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        List<String> header = rows.get(0);
        int idColumn = header.indexOf("LineId");
        int templateColumn = header.indexOf("EventTemplate");
        if (idColumn < 0 || templateColumn < 0) {
            throw new IOException(file + ": header must have LineId and EventTemplate columns, has " + header);
        }
        Map<Integer, String> byLine = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() <= Math.max(idColumn, templateColumn)) {
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue;
                }
                throw new IOException(file + " row " + (r + 1) + ": " + row.size() + " fields, expected " + header.size());
            }
            try {
                byLine.put(Integer.parseInt(row.get(idColumn).strip()), row.get(templateColumn));
            } catch (NumberFormatException e) {
                throw new IOException(file + " row " + (r + 1) + ": LineId '" + row.get(idColumn) + "' is not a number", e);
            }
        }
        return byLine;
    }

    private static void writeStructured(Path file, List<Integer> lineIds, List<String> templates) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("LineId,EventTemplate\n");
            for (int i = 0; i < lineIds.size(); i++) {
                out.write(lineIds.get(i) + "," + Csv.quote(templates.get(i)) + "\n");
            }
        }
    }

    /** The score table: one row per system, then the means and the throughput. */
    public static void print(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "%-11s %6s %6s %6s %6s %8s %6s %6s %10s%n",
                "system", "GA", "FGA", "PA", "FTA", "GA(corr)", "tmpl", "truth", "lines/s");
        for (SystemResult s : result.systems()) {
            out.printf(Locale.ROOT, "%-11s %6.3f %6.3f %6.3f %6.3f %8.3f %6d %6d %10.0f%s%n",
                    s.system(), s.published().groupingAccuracy(), s.published().fGroupingAccuracy(),
                    s.corrected().parsingAccuracy(), s.corrected().fTemplateAccuracy(), s.corrected().groupingAccuracy(),
                    s.corrected().parsedTemplates(), s.corrected().trueTemplates(), s.linesPerSecond(),
                    s.linesWithoutHeaderMatch() > 0 ? "  (" + s.linesWithoutHeaderMatch() + " lines did not match the header format; mined whole)" : "");
        }
        out.printf(Locale.ROOT, "%-11s %6.3f %6.3f %6.3f %6.3f %8.3f %6s %6s %10.0f%n", "mean",
                result.mean(s -> s.published().groupingAccuracy()), result.mean(s -> s.published().fGroupingAccuracy()),
                result.mean(s -> s.corrected().parsingAccuracy()), result.mean(s -> s.corrected().fTemplateAccuracy()),
                result.mean(s -> s.corrected().groupingAccuracy()), "", "", result.linesPerSecond());
        out.println("GA, FGA: published ground truth; PA, FTA, GA(corr): corrected ground truth where present. "
                + "lines/s: mining only, CPU time of one thread, median of " + TIMED_RUNS + " warm runs.");
        for (String problem : result.problems()) {
            out.println("not scored: " + problem);
        }
    }

    /** {@code LoghubBenchmark DATA_DIR [OUT_DIR]}: runs and prints the table. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LoghubBenchmark DATA_DIR [OUT_DIR]");
            System.exit(2);
        }
        Result result = run(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null);
        print(result, System.out);
    }
}
