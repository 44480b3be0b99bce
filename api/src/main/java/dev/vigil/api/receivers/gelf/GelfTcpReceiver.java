package dev.vigil.api.receivers.gelf;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.api.VigilNode;
import dev.vigil.api.http.BackPressure;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GELF over TCP: uncompressed JSON messages, each terminated by a NUL byte. A connection is read
 * in batches: while a batch is being decoded and appended the socket is paused (TCP back-pressure
 * reaches the sender); when the journal is full the batch is retried with the socket still paused.
 * A frame longer than the limit without a NUL closes the connection (counted as frame_too_large).
 * Invalid messages are counted by reason and skipped: GELF over TCP has no way to answer.
 */
final class GelfTcpReceiver implements VigilNode.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(GelfTcpReceiver.class);
    private static final int MAX_BATCH = 1000;
    private static final long MAX_RETRY_DELAY_MS = 1000;

    private final Vertx vertx;
    private final GelfIngest ingest;
    private final int maxFrameBytes;
    private volatile NetServer server;
    private volatile boolean closing;

    private GelfTcpReceiver(Vertx vertx, GelfIngest ingest, int maxFrameBytes) {
        this.vertx = vertx;
        this.ingest = ingest;
        this.maxFrameBytes = maxFrameBytes;
    }

    static GelfTcpReceiver start(Vertx vertx, String host, int port, GelfIngest ingest, int maxFrameBytes) throws Exception {
        GelfTcpReceiver receiver = new GelfTcpReceiver(vertx, ingest, maxFrameBytes);
        receiver.server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
                .connectHandler(socket -> receiver.new Connection(socket).start())
                .listen()
                .await(30, TimeUnit.SECONDS);
        LOG.info("GELF TCP listening on {}:{}", host, receiver.server.actualPort());
        return receiver;
    }

    @Override
    public String name() {
        return "gelf-tcp";
    }

    @Override
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        closing = true;
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("GELF TCP server did not close cleanly: {}", e.toString());
        }
    }

    /** One client connection; all its methods run on the connection's event loop. */
    private final class Connection {
        private final NetSocket socket;
        private final Context context;
        private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
        private Buffer partial = Buffer.buffer();
        private boolean busy;
        /** Set when we close the connection ourselves (frame too large): nothing more is read. */
        private boolean discarding;

        Connection(NetSocket socket) {
            this.socket = socket;
            this.context = vertx.getOrCreateContext();
        }

        void start() {
            socket.handler(this::onData);
            socket.exceptionHandler(e -> LOG.debug("GELF TCP connection from {}: {}", socket.remoteAddress(), e.toString()));
        }

        private void onData(Buffer data) {
            if (discarding) {
                return;
            }
            ingest.meters.bytes(data.length());
            int scanFrom = partial.length();
            partial.appendBuffer(data);
            int start = 0;
            int length = partial.length();
            for (int i = scanFrom; i < length; i++) {
                if (partial.getByte(i) == 0) {
                    addFrame(start, i);
                    start = i + 1;
                }
            }
            if (start > 0) {
                partial = start == length ? Buffer.buffer() : partial.getBuffer(start, length);
            }
            if (partial.length() > maxFrameBytes) {
                ingest.meters.rejected("frame_too_large");
                LOG.warn("GELF TCP frame from {} is longer than the limit of {} bytes without a NUL terminator; closing the connection",
                        socket.remoteAddress(), maxFrameBytes);
                partial = Buffer.buffer();
                discarding = true;
                socket.close();
                return;
            }
            if (!frames.isEmpty() && !busy) {
                process();
            }
        }

        private void addFrame(int from, int to) {
            int a = from;
            int b = to;
            while (a < b && isSpace(partial.getByte(a))) {
                a++;
            }
            while (b > a && isSpace(partial.getByte(b - 1))) {
                b--;
            }
            if (a < b) { // empty frames (e.g. "\0\0" or "\n\0") carry nothing
                frames.add(partial.getBytes(a, b));
            }
        }

        private void process() {
            if (closing) {
                // The node is shutting down and the worker pool with it; GELF over TCP acknowledges
                // nothing, so what is still queued here is counted, not silently dropped.
                ingest.meters.rejected("shutting_down", frames.size());
                frames.clear();
                socket.close();
                return;
            }
            busy = true;
            socket.pause();
            List<byte[]> batch = new ArrayList<>(Math.min(frames.size(), MAX_BATCH));
            while (!frames.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(frames.poll());
            }
            long received = Timestamps.toNanos(Instant.now());
            vertx.executeBlocking(() -> ingest.decodeAll(batch, received, "TCP"), false)
                    .andThen(ar -> context.runOnContext(v -> {
                        if (ar.failed()) {
                            LOG.error("GELF TCP batch could not be decoded", ar.cause());
                            ingest.meters.rejected("internal_error", batch.size());
                            done();
                        } else {
                            append(ar.result(), 1);
                        }
                    }));
        }

        private void append(List<LogEvent> events, int attempt) {
            if (events.isEmpty()) {
                done();
                return;
            }
            vertx.executeBlocking(() -> ingest.append(events), false)
                    .compose(stage -> Future.fromCompletionStage(stage, context))
                    .onSuccess(index -> {
                        ingest.meters.accepted(events.size());
                        done();
                    })
                    .onFailure(failure -> {
                        if (GelfIngest.isOverload(failure) && !closing) {
                            // Keep the socket paused and try again: the sender waits instead of losing data.
                            long delay = Math.min(MAX_RETRY_DELAY_MS, 50L * attempt);
                            vertx.setTimer(delay, t -> context.runOnContext(v -> append(events, attempt + 1)));
                            return;
                        }
                        ingest.meters.rejected(GelfIngest.isOverload(failure) ? BackPressure.reason(failure) : "internal_error", events.size());
                        LOG.warn("GELF TCP: {} message(s) could not be stored: {}", events.size(), failure.toString());
                        done();
                    });
        }

        private void done() {
            busy = false;
            if (!frames.isEmpty()) {
                process();
            } else {
                // Also after the peer closed: Vert.x holds data that arrived while paused until resumed.
                socket.resume();
            }
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
