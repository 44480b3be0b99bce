package dev.vigil.api.cli;

import java.nio.file.Path;

import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.journal.Durability;
import picocli.CommandLine.Option;

/** Options shared by the commands that start a server; they override the config file. */
final class ServerOptions {
    @Option(names = "--data-dir", description = "Where the journal and index live (default: ./vigil-data).")
    Path dataDir;

    @Option(names = "--host", description = "Address to bind (default: 0.0.0.0).")
    String host;

    @Option(names = {"-p", "--port"}, description = "HTTP port (default: " + VigilConfig.DEFAULT_PORT + "; 0 picks a free one).")
    Integer port;

    @Option(names = "--config", description = "A properties file with settings (see docs/architecture.md).")
    Path configFile;

    @Option(names = "--durability", description = "page_cache (default), fsync_periodic or fsync_batch.")
    String durability;

    VigilConfig resolve(VigilConfig base) throws Exception {
        VigilConfig config = configFile == null ? base : base.withFile(configFile);
        if (dataDir != null) {
            config = config.with("data-dir", dataDir.toString());
        }
        if (host != null) {
            config = config.with("host", host);
        }
        if (port != null) {
            config = config.with("port", port.toString());
        }
        if (durability != null) {
            config = config.with("durability", Durability.parse(durability).label());
        }
        return config;
    }
}
