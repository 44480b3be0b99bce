package dev.vigil.api.notify;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Prometheus Alertmanager ({@code prometheus-alertmanager}, installed by .ci/run) on a
 * free loopback port with its own configuration and storage in a temporary directory, clustering
 * off. Ready once {@code /-/ready} answers 200.
 */
final class AlertmanagerProcess implements AutoCloseable {
    static final Path BINARY = Path.of(System.getProperty("vigil.alertmanager", "/usr/bin/prometheus-alertmanager"));

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static AlertmanagerProcess start(Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed (.ci/run installs prometheus-alertmanager)");
        Files.createDirectories(dir);
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: 'null'\n  group_wait: 1s\nreceivers:\n  - name: 'null'\n");
        Files.createDirectories(dir.resolve("data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        AlertmanagerProcess am = new AlertmanagerProcess(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
            }
            try {
                if (am.get("/-/ready").statusCode() == 200) {
                    return am;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        am.close();
        throw new IllegalStateException("alertmanager not ready after 30 s: " + Files.readString(dir.resolve("alertmanager.log")));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Alertmanager's {@code GET /api/v2/alerts}: the alerts it holds as active (resolved ones drop out). */
    JsonArray alerts() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v2/alerts");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v2/alerts: " + response.statusCode() + " " + response.body());
        }
        return new JsonArray(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
