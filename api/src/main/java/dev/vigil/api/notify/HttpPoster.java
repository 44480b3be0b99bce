package dev.vigil.api.notify;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a body to a URL, retrying per the {@link RetryPolicy} when the connection fails or the
 * answer is 5xx or 429 (other 4xx are the request's fault and final). Timers, not sleeps, space
 * the attempts: nothing blocks. Thread-safe.
 */
final class HttpPoster {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPoster.class);
    static final long TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final WebClient client;
    private final RetryPolicy retry;
    private final NotifyMeters meters;

    HttpPoster(Vertx vertx, WebClient client, RetryPolicy retry, NotifyMeters meters) {
        this.vertx = vertx;
        this.client = client;
        this.retry = retry;
        this.meters = meters;
    }

    /** Completes (never fails) once delivered or given up. */
    Future<Void> post(String target, String type, String url, Map<String, String> headers, Buffer body) {
        Promise<Void> done = Promise.promise();
        attempt(target, type, url, headers, body, 1, done);
        return done.future();
    }

    private void attempt(String target, String type, String url, Map<String, String> headers, Buffer body, int attempt, Promise<Void> done) {
        var request = client.postAbs(url).timeout(TIMEOUT_MILLIS).putHeader("Content-Type", "application/json");
        headers.forEach(request::putHeader);
        request.sendBuffer(body).onComplete(result -> {
            String problem;
            boolean retryable;
            if (result.succeeded()) {
                HttpResponse<Buffer> response = result.result();
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    meters.sent(target, type);
                    done.complete();
                    return;
                }
                String text = response.bodyAsString();
                problem = "HTTP " + status + (text == null || text.isBlank() ? "" : ": " + abbreviate(text));
                retryable = status >= 500 || status == 429;
            } else {
                problem = result.cause().toString();
                retryable = true;
            }
            if (retryable && attempt < retry.maxAttempts()) {
                long delay = Math.max(1, retry.delayMillis(attempt));
                LOG.info("notification to {} ({}) failed on attempt {} ({}); retrying in {} ms", target, url, attempt, problem, delay);
                meters.retried(target, type);
                vertx.setTimer(delay, id -> attempt(target, type, url, headers, body, attempt + 1, done));
            } else {
                LOG.warn("notification to {} ({}) failed after {} attempt(s): {}", target, url, attempt, problem);
                meters.failed(target, type);
                done.complete();
            }
        });
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
