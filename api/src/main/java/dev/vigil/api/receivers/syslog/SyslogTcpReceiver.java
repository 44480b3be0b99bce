package dev.vigil.api.receivers.syslog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.api.VigilNode;
import dev.vigil.api.http.BackPressure;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.ingest.syslog.SyslogFrameDecoder;
import dev.vigil.ingest.syslog.SyslogFramingException;
import dev.vigil.ingest.syslog.SyslogParser;
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
 * Syslog over TCP (RFC 6587 octet counting or newline framing, per frame). Each connection batches
 * its messages (up to {@value #MAX_BATCH} or {@value #LINGER_MS} ms) into one journal record. While
 * the pipeline refuses (index behind, journal full, disk under its floor) the socket is paused and the batch retried, so
 * the sender is slowed down by TCP flow control and nothing read is dropped. Garbage framing closes
 * the connection (messages before it are kept).
 */
public final class SyslogTcpReceiver implements VigilNode.Receiver {
    static final int MAX_BATCH = 1000;
    static final long LINGER_MS = 50;
    /** Default of the {@value #FRAME_LIMIT_SETTING} setting. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** The server setting for the longest frame (message). */
    public static final String FRAME_LIMIT_SETTING = "syslog-frame-limit";
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpReceiver.class);

    private final Vertx vertx;
    private final SyslogAppender pipeline;
    private final SyslogParser parser;
    private final SyslogMeters meters;
    private final int maxFrameBytes;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong pauses = new AtomicLong();
    private volatile boolean stopping;
    private NetServer server;

    private SyslogTcpReceiver(Vertx vertx, SyslogAppender pipeline, SyslogParser parser, SyslogMeters meters, int maxFrameBytes) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.parser = parser;
        this.meters = meters;
        this.maxFrameBytes = maxFrameBytes;
    }

    static SyslogTcpReceiver start(Vertx vertx, SyslogAppender pipeline, SyslogParser parser, SyslogMeters meters, String host, int port)
            throws Exception {
        return start(vertx, pipeline, parser, meters, host, port, MAX_FRAME_BYTES);
    }

    static SyslogTcpReceiver start(Vertx vertx, SyslogAppender pipeline, SyslogParser parser, SyslogMeters meters, String host, int port,
                                   int maxFrameBytes) throws Exception {
        SyslogTcpReceiver receiver = new SyslogTcpReceiver(vertx, pipeline, parser, meters, maxFrameBytes);
        receiver.server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
                .connectHandler(receiver::accept)
                .listen()
                .await(30, TimeUnit.SECONDS);
        LOG.info("Syslog TCP receiver listening on {}:{}", host, receiver.server.actualPort());
        return receiver;
    }

    /** How often a connection was paused for back-pressure (for tests and debugging). */
    long pauses() {
        return pauses.get();
    }

    @Override
    public String name() {
        return "syslog-tcp";
    }

    @Override
    public int port() {
        return server.actualPort();
    }

    /** Stops accepting, then waits (up to 10 s) until what the open connections read is in the journal. */
    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Syslog TCP receiver did not close cleanly: {}", e.toString());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && connections.stream().anyMatch(Connection::busy)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopping = true;
    }

    private void accept(NetSocket socket) {
        Connection connection = new Connection(socket, vertx.getOrCreateContext());
        connections.add(connection);
        socket.handler(connection::data);
        // The end handler runs after every buffered chunk was delivered (a paused socket keeps them);
        // the close handler may run before that, so only the end handler finishes the stream.
        socket.endHandler(ignored -> connection.ended());
        socket.exceptionHandler(e -> LOG.debug("Syslog TCP connection from {}: {}", socket.remoteAddress(), e.toString()));
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static boolean isBackPressure(Throwable e) {
        return BackPressure.is(e);
    }

    /** One connection's state; every method runs on the connection's event loop. */
    private final class Connection implements SyslogFrameDecoder.Sink {
        private final NetSocket socket;
        private final Context context;
        private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(maxFrameBytes);
        private final String peer;
        private List<byte[]> pending = new ArrayList<>();
        private long pendingBytes;
        private boolean inFlight;
        private boolean paused;
        private boolean closed;
        private boolean endSeen;
        private long timer = -1;
        private long finishTimer = -1;
        private volatile boolean busy;

        Connection(NetSocket socket, Context context) {
            this.socket = socket;
            this.context = context;
            this.peer = String.valueOf(socket.remoteAddress());
        }

        boolean busy() {
            return busy;
        }

        void data(Buffer buffer) {
            if (closed) {
                return;
            }
            byte[] bytes = buffer.getBytes();
            meters.bytes(bytes.length);
            try {
                decoder.feed(bytes, 0, bytes.length, this);
            } catch (SyslogFramingException e) {
                meters.rejected("bad_framing", 1);
                meters.warnRateLimited(LOG, "bad_framing", "Syslog TCP from " + peer + ": " + e.getMessage()
                        + "; closing the connection (" + pending.size() + " messages before it are kept)");
                closed = true;
                flush();
                if (!inFlight && pending.isEmpty()) {
                    done();
                }
                socket.close();
                return;
            }
            afterData();
            if (endSeen) {
                armFinish();
            }
        }

        @Override
        public void frame(byte[] message) {
            pending.add(message);
            pendingBytes += message.length;
            busy = true;
        }

        @Override
        public void tooLong(long length, int max) {
            meters.rejected("frame_too_long", 1);
            meters.warnRateLimited(LOG, "frame_too_long", "Syslog TCP from " + peer + ": skipped a frame of " + length
                    + " bytes, longer than the limit of " + max + " bytes (setting " + FRAME_LIMIT_SETTING + ")");
        }

        private void afterData() {
            if (pending.isEmpty()) {
                return;
            }
            if (pending.size() >= MAX_BATCH || pendingBytes >= MAX_BATCH_BYTES) {
                flush();
            } else if (timer < 0 && !inFlight) {
                timer = vertx.setTimer(LINGER_MS, id -> {
                    timer = -1;
                    flush();
                });
            }
        }

        /**
         * The peer ended the stream. Vert.x may still deliver chunks it buffered while the socket was
         * paused after this, so the stream is finished only once the socket is resumed and quiet.
         */
        void ended() {
            endSeen = true;
            armFinish();
        }

        private void armFinish() {
            if (closed) {
                return;
            }
            if (finishTimer >= 0) {
                vertx.cancelTimer(finishTimer);
                finishTimer = -1;
            }
            if (!paused) {
                finishTimer = vertx.setTimer(250, id -> {
                    finishTimer = -1;
                    if (!paused) {
                        finish();
                    }
                });
            }
        }

        private void finish() {
            if (closed) {
                return;
            }
            closed = true;
            String cut = decoder.finish(this);
            if (cut != null) {
                meters.rejected("truncated", 1);
                meters.warnRateLimited(LOG, "truncated", "Syslog TCP from " + peer + ": " + cut);
            }
            flush();
            if (!inFlight && pending.isEmpty()) {
                done();
            }
        }

        private void flush() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            if (pending.isEmpty()) {
                return;
            }
            if (inFlight) {
                // One batch at a time per connection; stop reading once the next one is full.
                if ((pending.size() >= MAX_BATCH || pendingBytes >= MAX_BATCH_BYTES) && !paused && !closed) {
                    socket.pause();
                    pauses.incrementAndGet();
                    paused = true;
                }
                return;
            }
            List<byte[]> frames = pending;
            pending = new ArrayList<>();
            pendingBytes = 0;
            inFlight = true;
            long received = Timestamps.toNanos(Instant.now());
            context.<SyslogBatch>executeBlocking(() -> SyslogBatch.parse(parser, meters, frames, received), false)
                    .onSuccess(batch -> append(batch, 0))
                    .onFailure(e -> failed(frames.size(), e));
        }

        private void append(SyslogBatch batch, int attempt) {
            context.executeBlocking(() -> pipeline.append(batch.events()), false)
                    .compose(stage -> Future.fromCompletionStage(stage, context))
                    .onSuccess(index -> {
                        meters.stored(batch.size() - batch.unparsed(), batch.unparsed());
                        completed();
                    })
                    .onFailure(e -> {
                        Throwable cause = unwrap(e);
                        if (!isBackPressure(cause)) {
                            failed(batch.size(), cause);
                        } else if (stopping) {
                            meters.rejected("overloaded", batch.size());
                            LOG.error("Syslog TCP from {}: {} messages not stored, Vigil is stopping and the pipeline refuses: {}",
                                    peer, batch.size(), cause.getMessage());
                            inFlight = false;
                            pending.clear();
                            done();
                        } else {
                            if (!paused && !closed) {
                                socket.pause();
                                pauses.incrementAndGet();
                                paused = true;
                            }
                            meters.warnRateLimited(LOG, "backpressure", "Syslog TCP: pipeline refuses (" + cause.getMessage()
                                    + "); pausing reads from " + peer + " and retrying");
                            long delay = Math.min(1000, 20L << Math.min(attempt, 6));
                            vertx.setTimer(delay, id -> append(batch, attempt + 1));
                        }
                    });
        }

        private void failed(int count, Throwable e) {
            meters.rejected("internal", count);
            LOG.error("Syslog TCP from {}: {} messages could not be stored; closing the connection", peer, count, e);
            inFlight = false;
            pending.clear();
            if (!closed) {
                closed = true;
                socket.close();
            }
            done();
        }

        private void completed() {
            inFlight = false;
            if (paused) {
                paused = false;
                socket.resume(); // also when ended: a closed socket may still hold data to deliver
                if (endSeen) {
                    armFinish();
                }
            }
            if (!pending.isEmpty()) {
                flush();
            } else if (closed) {
                done();
            } else {
                busy = false;
            }
        }

        private void done() {
            busy = false;
            connections.remove(this);
        }
    }
}
