package dev.vigil.api.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.nezha.NezhaBenchmark;
import dev.vigil.rca.nezha.NezhaCaseResult;
import dev.vigil.rca.nezha.NezhaLayout;
import dev.vigil.rca.nezha.NezhaReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench nezha --data DIR --out FILE [--date YYYY-MM-DD]}: runs the root-cause
 * analysis on every fault of a Nezha-layout directory, each in a fresh data directory, writes one
 * JSON line per fault and prints AS@1/3/5 overall and per fault type.
 */
@Command(name = "nezha", mixinStandardHelpOptions = true,
        description = {"Score Vigil's root-cause analysis on the Nezha TrainTicket fault-injection data (FSE 2023).",
                "Each fault's logs, spans and metrics go through the real ingest path into a fresh data directory;",
                "the analysis is asked about the window from the injection on. Writes one JSON line per fault to --out",
                "and prints AS@1, AS@3, AS@5 over the scored faults, per fault type too; progress goes to stderr."})
public final class NezhaBenchCommand implements Callable<Integer> {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Nezha root holding rca_data/<date>/, construct_data/<date>/ and root_cause_ts.json.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the JSON lines go (one per fault).")
    Path out;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only this date (default: every date with a fault list).")
    String date;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where the per-fault data directories are made and removed (default: the system temp directory).")
    Path work = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public Integer call() {
        if (!Files.isDirectory(data.resolve("rca_data"))) {
            System.err.println("--data " + data + " has no rca_data/ directory: pass the Nezha root, e.g. --data ../shared/bench-data/nezha");
            return 2;
        }
        if (date != null && !DATE.matcher(date).matches()) {
            System.err.println("--date '" + date + "' is not YYYY-MM-DD");
            return 2;
        }
        if (Files.isDirectory(out)) {
            System.err.println("--out " + out + " is a directory: pass a file name");
            return 2;
        }
        NezhaLayout layout = new NezhaLayout(data);
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            NezhaReport report;
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                report = new NezhaBenchmark(layout, work, System.err).run(date == null ? List.of() : List.of(date), result -> {
                    try {
                        writer.write(toJson(result).encode());
                        writer.newLine();
                        writer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            report.print(System.out);
            System.out.println("per-fault results written to " + out.toAbsolutePath());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench nezha: " + e.getMessage());
            return 2;
        }
    }

    static JsonObject toJson(NezhaCaseResult result) {
        JsonObject json = new JsonObject()
                .put("date", result.date())
                .put("inject_time", result.fault().injectTime())
                .put("inject_instant", Timestamps.format(result.injectNanos()))
                .put("inject_pod", result.fault().pod())
                .put("inject_service", result.fault().service())
                .put("inject_type", result.fault().type());
        if (result.skipped()) {
            return json.put("skipped", true).put("reason", result.reason());
        }
        return json.put("ranked_services", new JsonArray(result.rankedServices()))
                .put("ranked_causes", new JsonArray(result.rankedCauses()))
                .put("rank", result.rankOfTruth())
                .put("explanations", new JsonArray(result.explanations()))
                .put("expected_cause", result.expectedCause())
                .put("cause_matched", result.causeMatched())
                .put("events", result.events())
                .put("load_ms", Math.round(result.loadMillis()))
                .put("rca_ms", Math.round(result.rcaMillis()))
                .put("skipped", false);
    }
}
