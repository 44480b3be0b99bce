package dev.vigil.api.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.vigil.analytics.patterns.loghub.LoghubBenchmark;
import dev.vigil.analytics.patterns.loghub.LoghubLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil bench ...}: accuracy and speed of Vigil's analytics on public benchmark data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Score Vigil's analytics on public benchmark data sets.",
        subcommands = {BenchCommand.Loghub.class, NabBenchCommand.class, NezhaBenchCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code vigil bench loghub --data DIR [--out DIR]}. */
    @Command(name = "loghub", mixinStandardHelpOptions = true,
            description = {"Mine the templates of every system in a Loghub-layout directory with one miner configuration",
                    "and print GA, FGA (published ground truth), PA, FTA (corrected ground truth where present) and lines/s.",
                    "Header formats: " + LoghubLayout.FORMAT_FILE + " in a system directory, else the published Loghub format."})
    static final class Loghub implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "Directory with one sub-directory per system (S/S_2k.log, S/S_2k.log_structured.csv, ...).")
        Path data;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Write <log>_structured.csv (LineId,EventTemplate) per system here.")
        Path out;

        @Override
        public Integer call() {
            if (!Files.isDirectory(data)) {
                System.err.println("--data " + data + " is not a directory: point it at a Loghub-layout directory, "
                        + "e.g. --data ../shared/bench-data/loghub");
                return 2;
            }
            try {
                LoghubBenchmark.Result result = LoghubBenchmark.run(data, out);
                LoghubBenchmark.print(result, System.out);
                if (out != null) {
                    System.out.println("templates per line written to " + out);
                }
                return result.problems().isEmpty() ? 0 : 1;
            } catch (IOException e) {
                System.err.println("bench loghub: " + e.getMessage());
                return 2;
            }
        }
    }
}
