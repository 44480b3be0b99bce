package dev.vigil.api.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.vigil.analytics.anomaly.nab.NabBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench nab --data DIR --out DIR}: streams every series of a NAB-layout directory
 * through the production anomaly detector, writes NAB's results CSVs and prints the three profile
 * scores with their optimised thresholds and the detector's throughput.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = {"Score Vigil's streaming anomaly detector on the Numenta Anomaly Benchmark (NAB v1.1).",
                "Writes <out>/<category>/<file>.csv (timestamp,value,anomaly_score) and prints the standard,",
                "reward_low_FP_rate and reward_low_FN_rate scores with NAB's threshold optimisation."})
public final class NabBenchCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "NAB root holding data/<category>/<file>.csv and labels/combined_windows.json.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the results CSVs go (created if missing).")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isDirectory(data)) {
            System.err.println("--data " + data + " is not a directory: pass the NAB root, e.g. --data ../shared/bench-data/nab");
            return 2;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            System.err.println("--out " + out + " is a file: pass a directory (it is created if missing)");
            return 2;
        }
        try {
            NabBenchmark.Report report = new NabBenchmark().run(data, out);
            report.print(System.out);
            System.out.println("results written to " + out.toAbsolutePath());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
