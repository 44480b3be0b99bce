package dev.vigil.api.notify;

import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.Notification;
import io.vertx.core.Future;

/**
 * Somewhere notifications go. Methods are called on an event loop and must not block; the
 * returned future completes when the target accepted the message or gave up (it never fails:
 * failures are logged and counted as {@code vigil.notify.failures}). Implementations must be
 * thread-safe.
 */
public interface NotificationTarget {
    /** The name in logs and metrics ({@code name} in the configuration, else the type). */
    String name();

    /** {@code webhook}, {@code alertmanager}, {@code slack} or {@code email}. */
    String type();

    /** One grouped notification (targets that group themselves ignore it). */
    Future<Void> send(Notification notification);

    /** Every evaluation, for targets that keep alert state themselves (Alertmanager); others ignore it. */
    default Future<Void> evaluated(AlertEngine.Evaluation evaluation) {
        return Future.succeededFuture();
    }
}
