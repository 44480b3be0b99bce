package dev.vigil.api.probes;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Runs one check of a probe with Vert.x's non-blocking clients: an HTTP(S) GET whose status must
 * fall in the expected range (and whose body must contain the expected text), or a TCP connect.
 * A check never fails its future: every outcome, timeouts included, is a {@link ProbeResult}.
 *
 * <p>Thread-safe. HTTP clients are shared per TLS setting (the JVM's trust store, trust-all, or a
 * CA file) so connections are pooled across checks, TCP clients per timeout; {@link #close()}
 * closes them.
 */
public final class Prober implements AutoCloseable {
    /** Bodies larger than this are not read whole: a health page is small. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final Vertx vertx;
    private final Map<String, WebClient> webClients = new ConcurrentHashMap<>();
    /** By connect timeout in ms, so a hanging connect is abandoned soon after its check timed out. */
    private final Map<Long, NetClient> netClients = new ConcurrentHashMap<>();

    public Prober(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Checks {@code probe} once; the future always succeeds. */
    public Future<ProbeResult> check(ProbeDefinition probe) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        Promise<ProbeResult> promise = Promise.promise();
        long timeoutMillis = probe.timeout().toMillis();
        // The timer bounds the whole check, whatever part of it hangs (DNS, connect, TLS, body).
        long timer = vertx.setTimer(timeoutMillis, id -> promise.tryComplete(
                failure(probe, at, started, 0, "timed out after " + timeoutMillis + " ms")));
        Future<ProbeResult> check = probe.type() == ProbeType.TCP ? tcp(probe, at, started) : http(probe, at, started);
        check.onComplete(done -> {
            vertx.cancelTimer(timer);
            promise.tryComplete(done.succeeded() ? done.result()
                    : failure(probe, at, started, 0, describe(done.cause())));
        });
        return promise.future();
    }

    private Future<ProbeResult> http(ProbeDefinition probe, Instant at, long started) {
        WebClient client = webClients.computeIfAbsent(probe.trustAll() ? "trust-all" : probe.caFile() == null ? "default"
                : "ca:" + probe.caFile(), key -> WebClient.create(vertx, clientOptions(probe)));
        return client.getAbs(probe.target())
                .connectTimeout(abandonAfter(probe))
                .timeout(abandonAfter(probe))
                .putHeader("User-Agent", "Vigil-Probe/1")
                .send()
                .map(response -> judge(probe, at, started, response));
    }

    private static WebClientOptions clientOptions(ProbeDefinition probe) {
        WebClientOptions options = new WebClientOptions().setFollowRedirects(true).setKeepAlive(true)
                .setUserAgentEnabled(false);
        if (probe.trustAll()) {
            options.setTrustAll(true).setVerifyHost(false);
        } else if (probe.caFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(probe.caFile()));
        }
        return options;
    }

    private static ProbeResult judge(ProbeDefinition probe, Instant at, long started, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status < probe.statusMin() || status > probe.statusMax()) {
            return failure(probe, at, started, status, "status " + status + " is outside " + probe.statusMin() + "-" + probe.statusMax());
        }
        if (probe.bodyContains() != null) {
            Buffer body = response.body();
            String text = body == null ? "" : body.length() > MAX_BODY_BYTES ? body.getString(0, MAX_BODY_BYTES) : body.toString();
            if (!text.contains(probe.bodyContains())) {
                return failure(probe, at, started, status, "body does not contain '" + probe.bodyContains() + "'");
            }
        }
        return new ProbeResult(probe.name(), at, true, seconds(started), status, null);
    }

    private Future<ProbeResult> tcp(ProbeDefinition probe, Instant at, long started) {
        NetClient client = netClients.computeIfAbsent(abandonAfter(probe),
                millis -> vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, millis))));
        return client.connect(probe.tcpPort(), probe.tcpHost()).map(socket -> {
            socket.close();
            return new ProbeResult(probe.name(), at, true, seconds(started), 0, null);
        });
    }

    /**
     * When the client gives up on a request or connect: a little after the check's own timer, so
     * that the timer decides (one message for every timeout) and nothing hangs on long after it.
     */
    private static long abandonAfter(ProbeDefinition probe) {
        return probe.timeout().toMillis() + 1000;
    }

    private static ProbeResult failure(ProbeDefinition probe, Instant at, long started, int status, String error) {
        return new ProbeResult(probe.name(), at, false, seconds(started), status, error);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        webClients.values().forEach(WebClient::close);
        netClients.values().forEach(NetClient::close);
    }
}
