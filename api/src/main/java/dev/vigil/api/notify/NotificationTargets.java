package dev.vigil.api.notify;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.RuleValidationException;
import dev.vigil.rca.alerts.SpecReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Builds notification targets from the {@code notifications} list of the alerting configuration
 * (see docs/api.md, "Notification targets"); every error names the field, e.g.
 * {@code notifications[1].url}.
 */
public final class NotificationTargets {
    private static final String RETRY = "max_attempts, initial_delay, max_delay";

    private NotificationTargets() {
    }

    /**
     * A target with the labels an alert must carry to be sent to it.
     *
     * @param target the target
     * @param match  label values every alert sent to it must have (empty: all alerts)
     */
    public record Route(NotificationTarget target, Map<String, String> match) {
        public Route {
            match = Map.copyOf(match);
        }
    }

    public static List<Route> parse(Vertx vertx, List<Object> specs, MeterRegistry registry) {
        NotifyMeters meters = new NotifyMeters(registry);
        WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("Vigil-Alerts/1"));
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            SpecReader r = new SpecReader(specs.get(i), "notifications[" + i + "]");
            String type = r.required("type");
            String name = r.string("name", type + "-" + i);
            Map<String, String> match = r.stringMap("match");
            NotificationTarget target = switch (type) {
                case "webhook" -> {
                    var t = new WebhookTarget(name, url(r, "url"), r.stringMap("headers"), poster(vertx, client, r, meters));
                    r.rejectUnknown("type, name, match, url, headers, " + RETRY);
                    yield t;
                }
                case "slack" -> {
                    var t = new SlackTarget(name, url(r, "url"), poster(vertx, client, r, meters));
                    r.rejectUnknown("type, name, match, url, " + RETRY);
                    yield t;
                }
                case "alertmanager" -> {
                    var t = new AlertmanagerTarget(name, url(r, "url"), r.string("generator_url", "http://localhost:8686"),
                            positive(r, "resend", Duration.ofMinutes(1)), poster(vertx, client, r, meters));
                    r.rejectUnknown("type, name, match, url, generator_url, resend, " + RETRY);
                    yield t;
                }
                case "email" -> {
                    var t = email(vertx, r, name, meters);
                    r.rejectUnknown("type, name, match, smtp_host, smtp_port, from, to, username, password, starttls, ssl");
                    yield t;
                }
                default -> throw new RuleValidationException(r.field("type"), "'" + type + "' is not a target type; use webhook, alertmanager,"
                        + " slack or email");
            };
            routes.add(new Route(target, match));
        }
        return routes;
    }

    private static HttpPoster poster(Vertx vertx, WebClient client, SpecReader r, NotifyMeters meters) {
        RetryPolicy d = RetryPolicy.defaults();
        try {
            RetryPolicy policy = new RetryPolicy(r.integer("max_attempts", d.maxAttempts(), 1, 20), r.duration("initial_delay", d.initialDelay()),
                    r.duration("max_delay", d.maxDelay()));
            return new HttpPoster(vertx, client, policy, meters);
        } catch (RuleValidationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(r.field("max_delay"), e.getMessage());
        }
    }

    private static EmailTarget email(Vertx vertx, SpecReader r, String name, NotifyMeters meters) {
        String host = r.required("smtp_host");
        int port = r.integer("smtp_port", 25, 1, 65535);
        String from = r.required("from");
        Object rawTo = r.raw("to");
        List<String> to = rawTo instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : rawTo == null ? List.of() : List.of(String.valueOf(rawTo));
        if (to.isEmpty()) {
            throw new RuleValidationException(r.field("to"), "is required: an address or a list of addresses");
        }
        String starttls = r.string("starttls", "optional");
        StartTLSOptions tls = switch (starttls) {
            case "disabled" -> StartTLSOptions.DISABLED;
            case "optional" -> StartTLSOptions.OPTIONAL;
            case "required" -> StartTLSOptions.REQUIRED;
            default -> throw new RuleValidationException(r.field("starttls"), "'" + starttls + "' is not disabled, optional or required");
        };
        MailConfig config = new MailConfig().setHostname(host).setPort(port).setStarttls(tls).setSsl(r.bool("ssl", false));
        String username = r.string("username", null);
        if (username != null) {
            config.setUsername(username).setPassword(r.string("password", ""));
        } else {
            r.string("password", null);
        }
        return new EmailTarget(name, MailClient.create(vertx, config), from, to, meters);
    }

    private static String url(SpecReader r, String field) {
        String text = r.required(field);
        try {
            URI uri = URI.create(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return text;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new RuleValidationException(r.field(field), "'" + text + "' is not an http or https URL");
    }

    private static Duration positive(SpecReader r, String field, Duration fallback) {
        Duration d = r.duration(field, fallback);
        if (d.toMillis() < 1000) {
            throw new RuleValidationException(r.field(field), "must be at least 1s");
        }
        return d;
    }
}
