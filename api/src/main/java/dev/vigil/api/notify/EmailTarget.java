package dev.vigil.api.notify;

import java.util.List;

import dev.vigil.rca.alerts.Notification;
import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP with Vert.x's mail client: the title as subject, the plain-text body. One
 * attempt per notification plus the client's own reconnects; a failure is logged and counted.
 * Thread-safe.
 */
final class EmailTarget implements NotificationTarget {
    private static final Logger LOG = LoggerFactory.getLogger(EmailTarget.class);

    private final String name;
    private final MailClient client;
    private final String from;
    private final List<String> to;
    private final NotifyMeters meters;

    EmailTarget(String name, MailClient client, String from, List<String> to, NotifyMeters meters) {
        this.name = name;
        this.client = client;
        this.from = from;
        this.to = List.copyOf(to);
        this.meters = meters;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public Future<Void> send(Notification notification) {
        MailMessage message = new MailMessage().setFrom(from).setTo(to).setSubject(NotificationText.title(notification))
                .setText(NotificationText.body(notification));
        return client.sendMail(message).<Void>map(result -> {
            meters.sent(name, type());
            return null;
        }).recover(failure -> {
            LOG.warn("email notification {} to {} failed: {}", name, to, failure.toString());
            meters.failed(name, type());
            return Future.succeededFuture();
        });
    }

    void close() {
        client.close();
    }
}
