package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Mutes notifications of the alerts whose labels match every matcher, from {@code startsAt} until
 * {@code endsAt}. Alerts keep their lifecycle and history while silenced; only notifications stop.
 *
 * @param id        unique id
 * @param matchers  all must match
 * @param startsAt  start
 * @param endsAt    end (exclusive); expiring a silence sets it to the time of expiry
 * @param createdBy who made it
 * @param comment   why
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
    public Silence {
        matchers = List.copyOf(matchers);
    }

    /**
     * One label matcher, as in Alertmanager: {@code =}, {@code !=}, {@code =~}, {@code !~}; a
     * regular expression must match the whole value.
     */
    public record Matcher(String name, String value, boolean regex, boolean equal) {
        boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(name, "");
            boolean hit = regex ? Pattern.compile(value).matcher(actual).matches() : value.equals(actual);
            return hit == equal;
        }
    }

    public String status(Instant now) {
        if (now.isBefore(startsAt)) {
            return "pending";
        }
        return now.isBefore(endsAt) ? "active" : "expired";
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        if (!status(now).equals("active")) {
            return false;
        }
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public Map<String, Object> fields(Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        List<Object> list = new ArrayList<>();
        for (Matcher m : matchers) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", m.name());
            one.put("value", m.value());
            one.put("is_regex", m.regex());
            one.put("is_equal", m.equal());
            list.add(one);
        }
        out.put("matchers", list);
        out.put("starts_at", startsAt.toString());
        out.put("ends_at", endsAt.toString());
        out.put("created_by", createdBy);
        out.put("comment", comment);
        if (now != null) {
            out.put("status", status(now));
        }
        return out;
    }

    /**
     * Reads a silence request: {@code matchers} (at least one), {@code ends_at} or
     * {@code duration}, optional {@code starts_at} (default now), {@code created_by}, {@code comment}.
     *
     * @throws RuleValidationException naming the field
     */
    public static Silence parse(Object spec, String id, Instant now) {
        SpecReader r = new SpecReader(spec, "");
        Object raw = r.raw("matchers");
        if (!(raw instanceof List<?> items) || items.isEmpty()) {
            throw new RuleValidationException("matchers", "is required: a list of {name, value, is_regex?, is_equal?}");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SpecReader m = new SpecReader(items.get(i), "matchers[" + i + "]");
            String name = m.required("name");
            String value = m.string("value", "");
            boolean regex = m.bool("is_regex", false);
            boolean equal = m.bool("is_equal", true);
            m.rejectUnknown("name, value, is_regex, is_equal");
            if (regex) {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new RuleValidationException(m.field("value"), "is not a regular expression: " + e.getDescription()
                            + " at position " + e.getIndex());
                }
            }
            matchers.add(new Matcher(name, value, regex, equal));
        }
        Instant startsAt = instant(r, "starts_at", now);
        Instant endsAt;
        if (r.has("ends_at")) {
            if (r.has("duration")) {
                throw new RuleValidationException("duration", "give ends_at or duration, not both");
            }
            endsAt = instant(r, "ends_at", null);
        } else if (r.has("duration")) {
            endsAt = startsAt.plus(r.duration("duration", null));
        } else {
            throw new RuleValidationException("ends_at", "is required (or duration, e.g. 2h)");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new RuleValidationException("ends_at", "must be after starts_at");
        }
        String createdBy = r.string("created_by", "api");
        String comment = r.string("comment", "");
        r.rejectUnknown("matchers, starts_at, ends_at, duration, created_by, comment");
        return new Silence(id, matchers, startsAt, endsAt, createdBy, comment);
    }

    private static Instant instant(SpecReader r, String field, Instant fallback) {
        String text = r.string(field, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new RuleValidationException(field, "'" + text + "' is not an RFC 3339 time such as 2026-11-02T10:00:00Z");
        }
    }
}
