package dev.vigil.api.receivers.gelf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vigil.api.VigilNode;
import dev.vigil.api.http.BackPressure;
import dev.vigil.ingest.gelf.GelfChunkAssembler;
import dev.vigil.ingest.gelf.GelfException;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GELF over UDP: one message per datagram, uncompressed, gzip or zlib, or chunked (at most 128
 * chunks, reassembled within a timeout, bounded in pending messages and bytes). UDP has no
 * back-pressure: whatever cannot be stored is dropped and counted in
 * {@code vigil.receiver.rejected{protocol="gelf",reason}} (incomplete, overloaded, bad_chunk, ...).
 */
final class GelfUdpReceiver implements VigilNode.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(GelfUdpReceiver.class);
    static final Duration REASSEMBLY_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_PENDING_MESSAGES = 1000;
    static final long MAX_PENDING_BYTES = 32L * 1024 * 1024;
    /** Messages decoded or appended at once; beyond this, datagrams are dropped as overloaded. */
    static final int MAX_IN_FLIGHT = 4096;

    private final Vertx vertx;
    private final GelfIngest ingest;
    private final GelfChunkAssembler assembler;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile DatagramSocket socket;
    private long expiryTimer = -1;

    private GelfUdpReceiver(Vertx vertx, GelfIngest ingest) {
        this.vertx = vertx;
        this.ingest = ingest;
        this.assembler = new GelfChunkAssembler(REASSEMBLY_TIMEOUT.toNanos(), MAX_PENDING_MESSAGES, MAX_PENDING_BYTES);
    }

    static GelfUdpReceiver start(Vertx vertx, String host, int port, GelfIngest ingest) throws Exception {
        GelfUdpReceiver receiver = new GelfUdpReceiver(vertx, ingest);
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 * 1024 * 1024));
        socket.handler(receiver::onDatagram);
        receiver.socket = socket.listen(port, host).await(30, TimeUnit.SECONDS);
        receiver.expiryTimer = vertx.setPeriodic(250, id -> receiver.expire());
        LOG.info("GELF UDP listening on {}:{}", host, receiver.port());
        return receiver;
    }

    @Override
    public String name() {
        return "gelf-udp";
    }

    @Override
    public int port() {
        return socket.localAddress().port();
    }

    @Override
    public void close() {
        vertx.cancelTimer(expiryTimer);
        try {
            socket.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("GELF UDP socket did not close cleanly: {}", e.toString());
        }
    }

    private void expire() {
        int dropped = assembler.expire(System.nanoTime());
        if (dropped > 0) {
            ingest.meters.rejected("incomplete", dropped);
            LOG.debug("GELF UDP: dropped {} chunked message(s) not completed within {}", dropped, REASSEMBLY_TIMEOUT);
        }
    }

    private void onDatagram(DatagramPacket packet) {
        byte[] data = packet.data().getBytes();
        ingest.meters.bytes(data.length);
        byte[] message = data;
        if (GelfChunkAssembler.isChunk(data)) {
            try {
                GelfChunkAssembler.Offer offer = assembler.offer(data, System.nanoTime());
                if (offer.outcome() != GelfChunkAssembler.Outcome.COMPLETE) {
                    return; // pending, or a duplicate chunk (ignored)
                }
                message = offer.message();
            } catch (GelfException e) {
                ingest.meters.rejected(e.reason());
                LOG.debug("GELF UDP chunk from {} refused: {}", packet.sender(), e.getMessage());
                return;
            }
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            ingest.meters.rejected("overloaded");
            return;
        }
        byte[] payload = message;
        long received = Timestamps.toNanos(Instant.now());
        vertx.executeBlocking(() -> {
            List<LogEvent> events = ingest.decodeAll(List.of(payload), received, "UDP");
            if (events.isEmpty()) {
                return java.util.concurrent.CompletableFuture.completedFuture(0);
            }
            return ingest.append(events).thenApply(index -> events.size());
        }, false).compose(stage -> io.vertx.core.Future.fromCompletionStage(stage)).onComplete(ar -> {
            inFlight.decrementAndGet();
            if (ar.succeeded()) {
                ingest.meters.accepted(ar.result());
            } else {
                boolean overload = GelfIngest.isOverload(ar.cause());
                ingest.meters.rejected(overload ? BackPressure.reason(ar.cause()) : "internal_error");
                if (!overload) {
                    LOG.warn("GELF UDP message could not be stored: {}", ar.cause().toString());
                }
            }
        });
    }
}
