package dev.vigil.api.receivers.gelf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.vigil.api.http.Responses;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.journal.JournalFullException;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pipeline behind a gate that refuses batches the way the pipeline does under load
 * (IndexBehindException thrown, JournalFullException as a failed future). TCP: the socket is
 * paused, the sender is held back by TCP flow control, and once the gate opens every message is
 * stored. UDP: datagrams are dropped and counted as overloaded. HTTP: 503 with Retry-After.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GelfBackPressureTest {
    private Vertx vertx;
    private EventPipeline pipeline;
    private SimpleMeterRegistry registry;
    private GelfIngest ingest;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicLong refusals = new AtomicLong();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir));
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        ingest = new GelfIngest(events -> {
            if (!open.get()) {
                if (refusals.incrementAndGet() % 2 == 1) {
                    throw new IndexBehindException(200_000, 100_000);
                }
                return CompletableFuture.failedFuture(new JournalFullException(4096));
            }
            return pipeline.append(EventKind.LOG, events).thenApply(index -> {
                for (LogEvent event : events) {
                    stored.add(event.message());
                }
                return index;
            });
        }, new GelfMeters(registry), 1 << 20);
    }

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private double rejected(String reason) {
        var counter = registry.find("vigil.receiver.rejected").tag("protocol", "gelf").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double bytesRead() {
        return registry.find("vigil.receiver.bytes").tag("protocol", "gelf").counter().count();
    }

    private static byte[] message(int i, String padding) {
        return ("{\"version\":\"1.1\",\"host\":\"bp\",\"short_message\":\"msg-" + i + "\",\"_pad\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tcpPausesTheSenderWhileThePipelineRefusesAndLosesNothing() throws Exception {
        GelfTcpReceiver receiver = GelfTcpReceiver.start(vertx, "127.0.0.1", 0, ingest, 1 << 20);
        int count = 20_000;
        // Far more than the loopback socket buffers can hold (tens of MB), so a paused connection
        // must hold the sender back.
        int paddingLength = 3000;
        String padding = "p".repeat(paddingLength);
        AtomicLong written = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Throwable> senderError = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < count; i++) {
                    byte[] frame = message(i, padding);
                    out.write(frame);
                    out.write(0);
                    written.addAndGet(frame.length + 1);
                }
                out.flush();
                finished.set(true);
            } catch (Throwable e) {
                senderError.set(e);
            }
        }, "gelf-bp-sender");
        sender.setDaemon(true);
        sender.start();
        try {
            GelfTestNode.await("the gate to refuse a few times", 30, () -> refusals.get() >= 4);
            GelfTestNode.pause(500);
            double readWhileClosed = bytesRead();
            assertFalse(finished.get(), "the sender should be held back while the pipeline refuses");
            assertTrue(readWhileClosed < count * (double) paddingLength / 2, "the receiver stopped reading: " + readWhileClosed + " bytes read");
            assertTrue(stored.isEmpty());

            open.set(true);
            GelfTestNode.await("every message to be stored", 60, () -> stored.size() == count);
            sender.join(10_000);
            assertNull(senderError.get());
            assertTrue(finished.get());
            assertEquals(0.0, rejected("overloaded"), "TCP retries instead of dropping");
            assertEquals(count, registry.find("vigil.receiver.events").tag("outcome", "accepted").counter().count());
        } finally {
            receiver.close();
        }
    }

    @Test
    void udpDropsAndCountsWhileThePipelineRefusesThenRecovers() throws Exception {
        GelfUdpReceiver receiver = GelfUdpReceiver.start(vertx, "127.0.0.1", 0, ingest);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 10; i++) {
                byte[] data = message(i, "x");
                client.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), receiver.port()));
            }
            GelfTestNode.await("10 overloaded drops", 30, () -> rejected("overloaded") == 10);
            assertTrue(stored.isEmpty());
            open.set(true);
            byte[] data = message(99, "x");
            client.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), receiver.port()));
            GelfTestNode.await("the datagram after recovery to be stored", 30, () -> stored.contains("msg-99"));
            assertEquals(Set.of("msg-99"), stored);
        } finally {
            receiver.close();
        }
    }

    @Test
    void httpAnswers503WithRetryAfterThenAcceptsAfterRecovery() throws Exception {
        Router router = Router.router(vertx);
        router.post("/gelf").handler(BodyHandler.create(false)).handler(new GelfHttpReceiver(vertx, ingest));
        router.route().failureHandler(ctx -> Responses.failure(ctx, ctx.failure()));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/gelf");
        for (int i = 0; i < 2; i++) { // once thrown, once a failed future
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(message(i, "x")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, reply.statusCode(), reply.body());
            assertEquals("1", reply.headers().firstValue("Retry-After").orElse(null));
        }
        assertEquals(2.0, rejected("overloaded"));
        open.set(true);
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(message(7, "x")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, reply.statusCode(), reply.body());
        assertEquals(Set.of("msg-7"), stored);
    }
}
