package dev.vigil.api.receivers.syslog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.api.VigilNode;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.ingest.syslog.SyslogParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, batched into journal records (up to
 * {@value SyslogTcpReceiver#MAX_BATCH} messages or {@value SyslogTcpReceiver#LINGER_MS} ms). UDP has
 * no back-pressure: when the pipeline refuses a batch, or too many datagrams queue up while one is
 * being stored, they are dropped and counted in {@code vigil.receiver.rejected{protocol="syslog",
 * reason="overloaded"}}, with one warning per 10 s.
 */
public final class SyslogUdpReceiver implements VigilNode.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpReceiver.class);
    static final int MAX_QUEUED = 20_000;
    static final int MAX_DATAGRAM = 65_535;

    private final Vertx vertx;
    private final SyslogAppender pipeline;
    private final SyslogParser parser;
    private final SyslogMeters meters;
    private DatagramSocket socket;
    private Context context;
    private List<byte[]> pending = new ArrayList<>();
    private boolean inFlight;
    private long timer = -1;
    private volatile boolean busy;

    private SyslogUdpReceiver(Vertx vertx, SyslogAppender pipeline, SyslogParser parser, SyslogMeters meters) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.parser = parser;
        this.meters = meters;
    }

    static SyslogUdpReceiver start(Vertx vertx, SyslogAppender pipeline, SyslogParser parser, SyslogMeters meters, String host, int port)
            throws Exception {
        SyslogUdpReceiver receiver = new SyslogUdpReceiver(vertx, pipeline, parser, meters);
        // The receive buffer size also sizes Netty's per-datagram buffer: keep it at the UDP maximum.
        receiver.socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 * 1024 * 1024));
        receiver.socket.handler(receiver::packet);
        receiver.socket.listen(port, host).await(30, TimeUnit.SECONDS);
        LOG.info("Syslog UDP receiver listening on {}:{}", host, receiver.port());
        return receiver;
    }

    @Override
    public String name() {
        return "syslog-udp";
    }

    @Override
    public int port() {
        return socket.localAddress().port();
    }

    /** Stops receiving, then waits (up to 10 s) for the queued datagrams to reach the journal. */
    @Override
    public void close() {
        try {
            socket.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Syslog UDP receiver did not close cleanly: {}", e.toString());
        }
        if (context != null) {
            context.runOnContext(ignored -> flush());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (busy && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void packet(DatagramPacket packet) {
        if (context == null) {
            context = vertx.getOrCreateContext();
        }
        byte[] data = packet.data().getBytes();
        meters.bytes(data.length);
        if (data.length == 0) {
            return;
        }
        if (pending.size() >= MAX_QUEUED) {
            overloaded(1, "more than " + MAX_QUEUED + " datagrams queued");
            return;
        }
        pending.add(data);
        busy = true;
        if (pending.size() >= SyslogTcpReceiver.MAX_BATCH) {
            flush();
        } else if (timer < 0 && !inFlight) {
            timer = vertx.setTimer(SyslogTcpReceiver.LINGER_MS, id -> {
                timer = -1;
                flush();
            });
        }
    }

    private void flush() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (inFlight) {
            return;
        }
        if (pending.isEmpty()) {
            busy = false;
            return;
        }
        List<byte[]> frames = pending;
        pending = new ArrayList<>();
        inFlight = true;
        long received = Timestamps.toNanos(Instant.now());
        context.executeBlocking(() -> {
            SyslogBatch batch = SyslogBatch.parse(parser, meters, frames, received);
            return pipeline.append(batch.events()).thenApply(index -> batch);
        }, false).compose(stage -> Future.fromCompletionStage(stage, context)).onComplete(ar -> {
            inFlight = false;
            if (ar.succeeded()) {
                meters.stored(ar.result().size() - ar.result().unparsed(), ar.result().unparsed());
            } else {
                Throwable cause = SyslogTcpReceiver.unwrap(ar.cause());
                if (SyslogTcpReceiver.isBackPressure(cause)) {
                    overloaded(frames.size(), cause.getMessage());
                } else {
                    meters.rejected("internal", frames.size());
                    LOG.error("Syslog UDP: {} messages could not be stored", frames.size(), cause);
                }
            }
            flush();
        });
    }

    private void overloaded(int count, String why) {
        meters.rejected("overloaded", count);
        meters.warnRateLimited(LOG, "udp_overloaded", "Syslog UDP: dropped " + count + " datagram(s), the pipeline cannot keep up ("
                + why + "); see vigil.receiver.rejected{protocol=\"syslog\",reason=\"overloaded\"}");
    }
}
