package dev.vigil.api.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.vigil.api.config.VigilConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil import FILE...}: bulk-load NDJSON into a running server. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Send NDJSON files (logs, metrics, change events or spans) to a running Vigil server, with progress.",
                "The kind is guessed from the file name unless --kind says it; a rejected batch stops the import and names the bad lines."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON files (.gz allowed); Prometheus text as .prom.")
    List<Path> files;

    @Option(names = "--url", description = "The server (default: http://localhost:" + VigilConfig.DEFAULT_PORT + ").")
    URI url = URI.create("http://localhost:" + VigilConfig.DEFAULT_PORT);

    @Option(names = "--kind", description = "logs, metrics, prometheus, events or spans (default: guessed from the file name).")
    BulkImporter.Kind kind;

    @Option(names = "--batch-lines", description = "Lines per request (default: 5000).")
    int batchLines = 5000;

    @Option(names = "--wait", description = "Wait until everything imported is searchable.")
    boolean waitSearchable;

    @Override
    public Integer call() throws Exception {
        BulkImporter importer = new BulkImporter(url, batchLines, System.err);
        long total = 0;
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                System.err.println("cannot read " + file + ": check the path");
                return 2;
            }
            BulkImporter.Kind fileKind = kind != null ? kind : BulkImporter.Kind.guess(file);
            BulkImporter.Result result = importer.importFile(file, fileKind, waitSearchable);
            total += result.events();
            if (!result.ok()) {
                System.err.println("import of " + file + " stopped after " + result.events() + " events in " + result.batches()
                        + " accepted batch(es); the rejected batch was not stored:\n" + result.error());
                return 1;
            }
            System.out.println(file + ": " + result.events() + " " + fileKind.name().toLowerCase() + " imported");
        }
        System.out.println("imported " + total + " events");
        return 0;
    }
}
