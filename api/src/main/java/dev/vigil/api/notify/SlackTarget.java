package dev.vigil.api.notify;

import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.Notification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): {@code text} for
 * clients without blocks, and {@code blocks}: a header, one section per alert (at most
 * {@value #MAX_SECTIONS}), and a context line when more were left out. Thread-safe.
 */
final class SlackTarget extends HttpTarget {
    /** Slack refuses messages of more than 50 blocks; a header, the sections and a context stay under it. */
    static final int MAX_SECTIONS = 20;

    SlackTarget(String name, String url, HttpPoster poster) {
        super(name, "slack", url, Map.of(), poster);
    }

    @Override
    public Future<Void> send(Notification notification) {
        return post(payload(notification).toBuffer());
    }

    static JsonObject payload(Notification n) {
        String title = NotificationText.title(n);
        JsonArray blocks = new JsonArray().add(new JsonObject().put("type", "header")
                .put("text", new JsonObject().put("type", "plain_text").put("text", truncate(title, 150))));
        List<Alert> alerts = n.alerts();
        for (int i = 0; i < Math.min(MAX_SECTIONS, alerts.size()); i++) {
            blocks.add(new JsonObject().put("type", "section")
                    .put("text", new JsonObject().put("type", "mrkdwn").put("text", truncate(NotificationText.line(alerts.get(i)), 3000))));
        }
        if (alerts.size() > MAX_SECTIONS) {
            blocks.add(new JsonObject().put("type", "context").put("elements", new JsonArray().add(new JsonObject()
                    .put("type", "mrkdwn").put("text", "and " + (alerts.size() - MAX_SECTIONS) + " more alerts"))));
        }
        return new JsonObject().put("text", title + "\n" + NotificationText.body(n)).put("blocks", blocks);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
