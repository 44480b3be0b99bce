package dev.vigil.api.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.vigil.analytics.TimeRange;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.model.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads and validates query parameters; every failure names the parameter.
 *
 * <p>Times may be RFC 3339 ({@code 2026-11-02T10:40:00Z}), epoch seconds or milliseconds, or
 * relative to now ({@code now}, {@code now-15m}, {@code -1h}).
 */
public final class Params {
    private Params() {
    }

    public static String string(RoutingContext ctx, String name, String fallback) {
        String value = ctx.request().getParam(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    public static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest("parameter '" + name + "' must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' must be an integer, got '" + value + "'");
        }
    }

    public static Duration duration(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return VigilConfig.duration(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter '" + name + "': " + e.getMessage());
        }
    }

    /** {@code from} and {@code to} from the query string; defaults to the last hour. */
    public static TimeRange range(RoutingContext ctx) {
        return range(ctx.request().getParam("from"), ctx.request().getParam("to"), "parameter ");
    }

    /** {@code from} and {@code to} from a JSON body. */
    public static TimeRange range(JsonObject body) {
        Object from = body.getValue("from");
        Object to = body.getValue("to");
        if (from == null || to == null) {
            throw ApiException.badRequest("fields 'from' and 'to' are required, e.g. {\"from\":\"2026-11-02T10:40:00Z\",\"to\":\"2026-11-02T11:05:00Z\"}");
        }
        return range(String.valueOf(from), String.valueOf(to), "field ");
    }

    /**
     * {@code baseline_from} and {@code baseline_to}, the comparison period of a window; given one
     * end only, the baseline is as long as the window. Null when neither is given (the caller then
     * takes the period right before the window).
     */
    public static TimeRange baseline(RoutingContext ctx, TimeRange window) {
        String fromText = string(ctx, "baseline_from", null);
        String toText = string(ctx, "baseline_to", null);
        if (fromText == null && toText == null) {
            return null;
        }
        long now = Timestamps.toNanos(Instant.now());
        long from;
        long to;
        if (fromText == null) {
            to = time("parameter ", "baseline_to", toText, now);
            from = to - window.lengthNanos();
        } else {
            from = time("parameter ", "baseline_from", fromText, now);
            to = toText == null ? from + window.lengthNanos() : time("parameter ", "baseline_to", toText, now);
        }
        if (to <= from) {
            throw ApiException.badRequest("'baseline_to' must be after 'baseline_from'");
        }
        return new TimeRange(from, to);
    }

    private static TimeRange range(String fromText, String toText, String what) {
        long now = Timestamps.toNanos(Instant.now());
        long to = toText == null || toText.isEmpty() ? now : time(what, "to", toText, now);
        long from = fromText == null || fromText.isEmpty() ? to - Duration.ofHours(1).toNanos() : time(what, "from", fromText, now);
        if (to <= from) {
            throw ApiException.badRequest("'to' must be after 'from'");
        }
        return new TimeRange(from, to);
    }

    static long time(String what, String name, String text, long nowNanos) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        try {
            if (lower.equals("now")) {
                return nowNanos;
            }
            if (lower.startsWith("now-") || (lower.startsWith("-") && !lower.substring(1).chars().allMatch(Character::isDigit))) {
                return nowNanos - VigilConfig.duration(lower.substring(lower.indexOf('-') + 1)).toNanos();
            }
            if (!t.isEmpty() && (Character.isDigit(t.charAt(0)))
                    && t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return Timestamps.fromEpochNumber(name, Double.parseDouble(t));
            }
            return Timestamps.parse(name, t);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + "'" + name + "': '" + text
                    + "' is not a time; use RFC 3339 (2026-11-02T10:40:00Z), epoch seconds or milliseconds, or now-15m");
        }
    }
}
