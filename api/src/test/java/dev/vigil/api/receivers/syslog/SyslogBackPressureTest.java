package dev.vigil.api.receivers.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.journal.JournalFullException;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.syslog.SyslogParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pipeline behind a gate that refuses batches the way the pipeline does under load
 * (IndexBehindException thrown, JournalFullException as a failed future). TCP: the connection is
 * paused, the sender is held back by TCP flow control, and once the gate opens every message
 * arrives. UDP: datagrams are dropped and counted as overloaded, and delivery resumes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyslogBackPressureTest {
    private Vertx vertx;
    private EventPipeline pipeline;
    private SimpleMeterRegistry registry;
    private SyslogMeters meters;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicLong refusals = new AtomicLong();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private SyslogAppender gate;

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir));
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        meters = new SyslogMeters(registry);
        gate = events -> {
            if (!open.get()) {
                if (refusals.incrementAndGet() % 2 == 1) {
                    throw new IndexBehindException(200_000, 100_000);
                }
                return CompletableFuture.failedFuture(new JournalFullException(4096));
            }
            CompletableFuture<Long> appended = pipeline.append(EventKind.LOG, events);
            return appended.thenApply(index -> {
                for (LogEvent event : events) {
                    stored.add(event.message());
                }
                return index;
            });
        };
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

    private double counter(String name, String tagKey, String tagValue) {
        var counter = registry.find(name).tag("protocol", "syslog").tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    private double bytesRead() {
        return registry.find("vigil.receiver.bytes").counter().count();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            SyslogTestNode.sleep(20);
        }
    }

    @Test
    void tcpPausesTheSenderWhileThePipelineRefusesAndLosesNothing() throws Exception {
        SyslogTcpReceiver receiver = SyslogTcpReceiver.start(vertx, gate, new SyslogParser(ZoneId.of("UTC")), meters, "127.0.0.1", 0);
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
                    byte[] message = ("<14>1 - host bp - - - msg-" + i + " " + padding).getBytes(StandardCharsets.UTF_8);
                    byte[] frame = (message.length + " ").getBytes(StandardCharsets.UTF_8);
                    out.write(frame);
                    out.write(message);
                    written.addAndGet(frame.length + message.length);
                }
                out.flush();
                finished.set(true);
            } catch (Throwable e) {
                senderError.set(e);
            }
        }, "syslog-bp-sender");
        sender.setDaemon(true);
        sender.start();
        try {
            await("the receiver to pause the connection", () -> receiver.pauses() > 0 && refusals.get() >= 4);
            SyslogTestNode.sleep(1000);
            double read = bytesRead();
            SyslogTestNode.sleep(700);
            assertEquals(read, bytesRead(), "nothing more is read while the connection is paused");
            assertFalse(finished.get(), "the sender is held back by TCP flow control");
            assertTrue(read < count * (double) paddingLength / 2, () -> "read " + read + " bytes of " + written.get() + " written so far");
            assertTrue(stored.isEmpty());

            open.set(true);
            sender.join(60_000);
            assertTrue(finished.get(), () -> "sender did not finish: " + senderError.get());
            await("all " + count + " messages stored, got " + stored.size(), () -> stored.size() == count);
            for (int i = 0; i < count; i++) {
                assertTrue(stored.contains("msg-" + i + " " + padding), "msg-" + i);
            }
            assertEquals(count, pipeline.acceptedEvents(EventKind.LOG));
            await("the accepted counter", () -> counter("vigil.receiver.events", "outcome", "accepted") == count);
            assertEquals(0, counter("vigil.receiver.rejected", "reason", "overloaded"));
        } finally {
            open.set(true);
            receiver.close();
        }
    }

    @Test
    void udpDropsAreCountedAsOverloadedAndDeliveryResumes() throws Exception {
        SyslogUdpReceiver receiver = SyslogUdpReceiver.start(vertx, gate, new SyslogParser(ZoneId.of("UTC")), meters, "127.0.0.1", 0);
        try (DatagramSocket udp = new DatagramSocket()) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            for (int i = 0; i < 50; i++) {
                byte[] data = ("<14>1 - host bpu - - - dropped-" + i).getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(data, data.length, loopback, receiver.port()));
                if (i % 10 == 9) {
                    SyslogTestNode.sleep(60); // several batches, each refused
                }
            }
            await("50 drops counted", () -> counter("vigil.receiver.rejected", "reason", "overloaded") == 50);
            assertTrue(stored.isEmpty());
            open.set(true);
            byte[] data = "<14>1 - host bpu - - - after the overload".getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(data, data.length, loopback, receiver.port()));
            await("delivery after the overload", () -> stored.contains("after the overload"));
            assertEquals(List.of("after the overload"), List.copyOf(stored));
            await("the accepted counter", () -> counter("vigil.receiver.events", "outcome", "accepted") == 1);
        } finally {
            receiver.close();
        }
    }
}
