package dev.vigil.bench.protocols;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * {@code clients} HTTP/1.1 connections, each with one request in flight: POST the next
 * pre-encoded body when the previous answer arrives. A 429 or 503 is back-pressure: that
 * connection waits {@code backoffMillis} before it sends again (shippers honour
 * {@code Retry-After}; a short fixed wait keeps the loop closed without idling a whole second).
 * Runs on its own one-thread Vert.x instance, apart from the node's event loops.
 */
final class HttpLoad extends Load {
    private final Protocol.Target target;
    private final int port;
    private final List<List<Body>> bodies;
    private final AtomicLong clock;
    private final int clients;
    private final long backoffMillis;
    private final Vertx vertx;
    private final WebClient client;
    private volatile boolean stopping;
    private CountDownLatch done;

    /**
     * @param bodies per connection, the bodies it sends in turn (one list per connection)
     * @param clock  the next unused sample timestamp, shared by every load on the node: each
     *               request takes as many as it has events, so no (series, timestamp) repeats
     */
    HttpLoad(Protocol.Target target, int port, List<List<Body>> bodies, AtomicLong clock, long backoffMillis) {
        this.target = target;
        this.port = port;
        this.bodies = bodies;
        this.clock = clock;
        this.clients = bodies.size();
        this.backoffMillis = backoffMillis;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(clients));
    }

    @Override
    void start() {
        done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            List<Body> own = bodies.get(i);
            vertx.runOnContext(v -> send(own, 0));
        }
    }

    private void send(List<Body> own, int next) {
        if (stopping) {
            done.countDown();
            return;
        }
        HttpRequest<Buffer> request = client.request(HttpMethod.POST, port, "127.0.0.1", target.path())
                .timeout(TimeUnit.SECONDS.toMillis(60));
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            request.putHeader(header.getKey(), header.getValue());
        }
        int following = (next + 1) % own.size();
        Body body = own.get(next);
        byte[] bytes = body.render(clock.getAndAdd(body.events()));
        request.sendBuffer(Buffer.buffer(bytes)).onComplete(ar -> {
            if (ar.succeeded() && ar.result().statusCode() == target.okStatus()) {
                okAnswers.increment();
                send(own, following);
            } else if (ar.succeeded() && (ar.result().statusCode() == 429 || ar.result().statusCode() == 503)) {
                backpressureAnswers.increment();
                vertx.setTimer(backoffMillis, t -> send(own, following));
            } else {
                fail(ar.succeeded() ? "HTTP " + ar.result().statusCode() + ": " + clip(ar.result().bodyAsString())
                        : ar.cause().toString());
                vertx.setTimer(20, t -> send(own, following)); // do not spin on a broken request
            }
        });
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Override
    void stop() throws InterruptedException {
        stopping = true;
        if (done != null && !done.await(60, TimeUnit.SECONDS)) {
            System.err.println("HttpLoad: requests still in flight 60 s after stop");
        }
        client.close();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("HttpLoad: the client's Vert.x did not close within 10 s");
        }
    }
}
