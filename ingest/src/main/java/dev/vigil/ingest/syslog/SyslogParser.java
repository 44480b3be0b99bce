package dev.vigil.ingest.syslog;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;

/**
 * Decodes one syslog message (one TCP frame or one UDP datagram, without framing) into a
 * {@link LogEvent}: RFC 5424 when the PRI is followed by version {@code 1}, otherwise RFC 3164 and
 * its common dialects (ISO timestamps, a year after the date, fractional seconds, no hostname, no
 * timestamp).
 *
 * <p>Never refuses a message: one that cannot be parsed becomes an event whose message is the raw
 * text and whose attribute {@value #PARSE_ERROR} says why (see {@link #parse}). Thread-safe.
 *
 * <p>Mapping: service = APP-NAME / TAG, host = HOSTNAME, level from the severity (0-2 FATAL,
 * 3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG), attributes {@code facility} and {@code severity} (keyword
 * names such as {@code local0} and {@code err}), {@code procid}, {@code msgid} and structured data
 * as {@code sd.<SD-ID>.<PARAM-NAME>}.
 */
public final class SyslogParser {
    /** Attribute set on events whose text could not be parsed as syslog; the value says why. */
    public static final String PARSE_ERROR = "syslog.parse_error";

    static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
        "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4",
        "local5", "local6", "local7"};
    static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final int MAX_TAG = 128;

    private final ZoneId zone;

    /** @param zone the zone RFC 3164 timestamps (which carry none) are read in; the year is the current one there */
    public SyslogParser(ZoneId zone) {
        this.zone = zone;
    }

    /** Parses RFC 3164 timestamps in UTC. */
    public SyslogParser() {
        this(ZoneId.of("UTC"));
    }

    /** The outcome of {@link #parse}: the event, and whether it is a raw-text fallback. */
    public record Result(LogEvent event, boolean parsed) {
    }

    /**
     * Parses one message. Trailing CR, LF and NUL are removed.
     *
     * @param receivedNanos the receive time, used when the message has no (or a nil) timestamp
     * @return a parsed event, or (with {@code parsed == false}) an event with the raw text as message,
     *         the receive time, and {@value #PARSE_ERROR} naming the problem
     */
    public Result parse(byte[] bytes, long receivedNanos) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == 0)) {
            end--;
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        return parse(text, receivedNanos);
    }

    /** As {@link #parse(byte[], long)} for text already decoded. */
    public Result parse(String text, long receivedNanos) {
        int pri = -1;
        try {
            Cursor c = new Cursor(text);
            pri = pri(c);
            LogEvent event;
            if (c.startsWith("1 ")) {
                c.pos += 2;
                event = rfc5424(c, pri, receivedNanos);
            } else {
                event = rfc3164(c, pri, receivedNanos);
            }
            return new Result(event, true);
        } catch (SyslogParseException | InvalidFieldException e) {
            return new Result(raw(text, pri, receivedNanos, e.getMessage()), false);
        }
    }

    private static LogEvent raw(String text, int pri, long receivedNanos, String why) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(PARSE_ERROR, why);
        Level level = Level.INFO;
        if (pri >= 0) {
            attributes.put("facility", facility(pri));
            attributes.put("severity", SEVERITIES[pri & 7]);
            level = level(pri & 7);
        }
        return new LogEvent(receivedNanos, null, null, level, text, attributes);
    }

    /** Syslog severity to level: 0-2 FATAL, 3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG. */
    public static Level level(int severity) {
        return switch (severity) {
            case 0, 1, 2 -> Level.FATAL;
            case 3 -> Level.ERROR;
            case 4 -> Level.WARN;
            case 5, 6 -> Level.INFO;
            default -> Level.DEBUG;
        };
    }

    static String facility(int pri) {
        int facility = pri >> 3;
        return facility < FACILITIES.length ? FACILITIES[facility] : String.valueOf(facility);
    }

    private static int pri(Cursor c) {
        if (!c.startsWith("<")) {
            throw new SyslogParseException("no PRI: a syslog message starts with '<' and a number from 0 to 191, such as <13>");
        }
        int close = c.text.indexOf('>', 1);
        if (close < 0 || close > 4) {
            throw new SyslogParseException("bad PRI: expected '<' 1 to 3 digits '>' at the start");
        }
        String digits = c.text.substring(1, close);
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9') || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new SyslogParseException("bad PRI '<" + digits + ">': must be a number from 0 to 191 without leading zeros");
        }
        int pri = Integer.parseInt(digits);
        if (pri > 191) {
            throw new SyslogParseException("bad PRI '<" + digits + ">': must be at most 191 (facility 23, severity 7)");
        }
        c.pos = close + 1;
        return pri;
    }

    // ---------------------------------------------------------------- RFC 5424

    private LogEvent rfc5424(Cursor c, int pri, long receivedNanos) {
        String timestamp = c.field("TIMESTAMP");
        long nanos = timestamp == null ? receivedNanos : rfc3339(timestamp);
        String host = c.field("HOSTNAME");
        String app = c.field("APP-NAME");
        String procid = c.field("PROCID");
        String msgid = c.field("MSGID");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("facility", facility(pri));
        attributes.put("severity", SEVERITIES[pri & 7]);
        if (procid != null) {
            attributes.put("procid", procid);
        }
        if (msgid != null) {
            attributes.put("msgid", msgid);
        }
        structuredData(c, attributes);
        String message = "";
        if (!c.atEnd()) {
            if (c.text.charAt(c.pos) != ' ') {
                throw new SyslogParseException("RFC 5424: expected a space after STRUCTURED-DATA at offset " + c.pos);
            }
            message = c.text.substring(c.pos + 1);
            if (message.startsWith("\uFEFF")) {
                message = message.substring(1);
            }
        }
        return new LogEvent(nanos, app, host, level(pri & 7), message, attributes);
    }

    private static long rfc3339(String text) {
        // RFC 5424 timestamps are RFC 3339 with a mandatory 'T', upper case 'T'/'Z', at most 6 fraction digits;
        // accept up to 9 and lower case, as senders vary.
        try {
            return Timestamps.toNanos(OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT)).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new SyslogParseException("RFC 5424: TIMESTAMP '" + text + "' is not RFC 3339 such as 2026-11-25T10:42:00.123+01:00");
        }
    }

    private static void structuredData(Cursor c, Map<String, String> attributes) {
        if (c.atEnd()) {
            throw new SyslogParseException("RFC 5424: STRUCTURED-DATA is missing (use '-' for none)");
        }
        if (c.text.charAt(c.pos) == '-') {
            c.pos++;
            if (!c.atEnd() && c.text.charAt(c.pos) != ' ') {
                throw new SyslogParseException("RFC 5424: expected a space after nil STRUCTURED-DATA at offset " + c.pos);
            }
            return;
        }
        if (c.text.charAt(c.pos) != '[') {
            throw new SyslogParseException("RFC 5424: STRUCTURED-DATA must be '-' or start with '[' at offset " + c.pos);
        }
        while (!c.atEnd() && c.text.charAt(c.pos) == '[') {
            c.pos++;
            String id = c.name("SD-ID");
            while (true) {
                if (c.atEnd()) {
                    throw new SyslogParseException("RFC 5424: SD-ELEMENT '" + id + "' is not closed with ']'");
                }
                char ch = c.text.charAt(c.pos);
                if (ch == ']') {
                    c.pos++;
                    break;
                }
                if (ch != ' ') {
                    throw new SyslogParseException("RFC 5424: expected ' ' or ']' in SD-ELEMENT '" + id + "' at offset " + c.pos);
                }
                c.pos++;
                String name = c.name("PARAM-NAME");
                if (c.atEnd() || c.text.charAt(c.pos) != '=' || c.pos + 1 >= c.text.length() || c.text.charAt(c.pos + 1) != '"') {
                    throw new SyslogParseException("RFC 5424: expected =\"value\" after PARAM-NAME '" + name + "' in '" + id + "'");
                }
                c.pos += 2;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (!c.atEnd()) {
                    char v = c.text.charAt(c.pos++);
                    if (v == '\\' && !c.atEnd()) {
                        char next = c.text.charAt(c.pos);
                        if (next == '"' || next == '\\' || next == ']') {
                            value.append(next);
                            c.pos++;
                        } else {
                            value.append('\\'); // RFC 5424 6.3.3: any other backslash is kept as is
                        }
                    } else if (v == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(v);
                    }
                }
                if (!closed) {
                    throw new SyslogParseException("RFC 5424: PARAM-VALUE of '" + id + "." + name + "' is not closed with '\"'");
                }
                attributes.put("sd." + id + "." + name, value.toString());
            }
        }
    }

    // ---------------------------------------------------------------- RFC 3164

    private LogEvent rfc3164(Cursor c, int pri, long receivedNanos) {
        long nanos = receivedNanos;
        Long stamped = bsdTimestamp(c, receivedNanos);
        boolean hasTimestamp = stamped != null;
        if (hasTimestamp) {
            nanos = stamped;
        } else {
            Long iso = isoTimestamp(c);
            if (iso != null) {
                nanos = iso;
                hasTimestamp = true;
            }
        }
        c.skipSpaces();
        String host = null;
        String tag = null;
        String procid = null;
        // After a timestamp comes HOSTNAME unless the next word already looks like 'tag:' or 'tag[pid]:'.
        int save = c.pos;
        String[] tagged = tag(c);
        if (tagged == null && hasTimestamp) {
            int space = c.text.indexOf(' ', c.pos);
            if (space > c.pos) {
                String word = c.text.substring(c.pos, space);
                if (word.length() <= 255 && word.chars().allMatch(ch -> ch > 32 && ch < 127)) {
                    host = word;
                    c.pos = space;
                    c.skipSpaces();
                    save = c.pos;
                    tagged = tag(c);
                }
            }
        }
        if (tagged != null) {
            tag = tagged[0];
            procid = tagged[1];
        } else {
            c.pos = save;
        }
        String message = c.text.substring(c.pos);
        if (message.startsWith("\uFEFF")) {
            message = message.substring(1);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("facility", facility(pri));
        attributes.put("severity", SEVERITIES[pri & 7]);
        if (procid != null) {
            attributes.put("procid", procid);
        }
        return new LogEvent(nanos, tag, host, level(pri & 7), message, attributes);
    }

    /** {@code tag:} or {@code tag[pid]:} followed by a space or the end; null (cursor unchanged) otherwise. */
    private static String[] tag(Cursor c) {
        int i = c.pos;
        String s = c.text;
        while (i < s.length() && i - c.pos <= MAX_TAG) {
            char ch = s.charAt(i);
            if (ch == ':' || ch == '[' || ch <= ' ' || ch >= 127) {
                break;
            }
            i++;
        }
        if (i == c.pos || i >= s.length()) {
            return null;
        }
        String tag = s.substring(c.pos, i);
        String pid = null;
        if (s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close - i > 129) {
                return null;
            }
            pid = s.substring(i + 1, close);
            i = close + 1;
        }
        if (i >= s.length() || s.charAt(i) != ':') {
            return null;
        }
        i++;
        if (i < s.length()) {
            if (s.charAt(i) != ' ') {
                return null;
            }
            i++;
        }
        c.pos = i;
        return new String[] {tag, pid == null || pid.isEmpty() ? null : pid};
    }

    /** {@code Mmm dd hh:mm:ss} with optional fraction and optional year (before or after the time); null if absent. */
    private Long bsdTimestamp(Cursor c, long receivedNanos) {
        String s = c.text;
        int p = c.pos;
        if (p + 15 > s.length()) {
            return null;
        }
        int month = -1;
        String m = s.substring(p, p + 3).toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                month = i + 1;
            }
        }
        if (month < 0 || s.charAt(p + 3) != ' ') {
            return null;
        }
        p += 4;
        if (s.charAt(p) == ' ') {
            p++; // space-padded day: "Nov  5"
        }
        int dayStart = p;
        while (p < s.length() && Character.isDigit(s.charAt(p)) && p - dayStart < 2) {
            p++;
        }
        if (p == dayStart || p >= s.length() || s.charAt(p) != ' ') {
            return null;
        }
        int day = Integer.parseInt(s.substring(dayStart, p));
        p++;
        Integer year = null;
        if (p + 5 <= s.length() && digits(s, p, 4) && s.charAt(p + 4) == ' ') { // Cisco style "Nov 25 2026 10:00:00"
            year = Integer.parseInt(s.substring(p, p + 4));
            p += 5;
        }
        if (p + 8 > s.length() || !digits(s, p, 2) || s.charAt(p + 2) != ':' || !digits(s, p + 3, 2) || s.charAt(p + 5) != ':'
                || !digits(s, p + 6, 2)) {
            return null;
        }
        int hour = Integer.parseInt(s.substring(p, p + 2));
        int minute = Integer.parseInt(s.substring(p + 3, p + 5));
        int second = Integer.parseInt(s.substring(p + 6, p + 8));
        p += 8;
        int nano = 0;
        if (p < s.length() && s.charAt(p) == '.') {
            int start = ++p;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
            String fraction = s.substring(start, Math.min(p, start + 9));
            if (fraction.isEmpty()) {
                return null;
            }
            nano = Integer.parseInt((fraction + "000000000").substring(0, 9));
        }
        if (year == null && p + 5 <= s.length() && s.charAt(p) == ' ' && digits(s, p + 1, 4)
                && (p + 5 == s.length() || s.charAt(p + 5) == ' ' || s.charAt(p + 5) == ':')) {
            year = Integer.parseInt(s.substring(p + 1, p + 5)); // "Nov 25 10:00:00 2026"
            p += 5;
            if (p < s.length() && s.charAt(p) == ':') {
                p++;
            }
        }
        if (p < s.length() && s.charAt(p) == ':') {
            p++; // "Nov 25 10:00:00: message" (no hostname, as some devices send)
        }
        if (p < s.length() && s.charAt(p) != ' ') {
            return null;
        }
        long nanos;
        try {
            if (year != null) {
                nanos = at(LocalDateTime.of(year, month, day, hour, minute, second, nano));
            } else {
                // No year: the current one in the receiver's zone, or the previous one if that puts the
                // message more than a day in the future (a Dec 31 message received on Jan 1).
                Instant received = Timestamps.toInstant(receivedNanos);
                int thisYear = ZonedDateTime.ofInstant(received, zone).getYear();
                Long candidate = null;
                try {
                    candidate = at(LocalDateTime.of(thisYear, month, day, hour, minute, second, nano));
                } catch (DateTimeException leap) {
                    // Feb 29 in a year without one: try last year
                }
                if (candidate == null || candidate > receivedNanos + 86_400_000_000_000L) {
                    candidate = at(LocalDateTime.of(thisYear - 1, month, day, hour, minute, second, nano));
                }
                nanos = candidate;
            }
        } catch (DateTimeException e) {
            throw new SyslogParseException("RFC 3164: TIMESTAMP '" + s.substring(c.pos, p) + "' is not a valid date and time");
        }
        c.pos = p;
        return nanos;
    }

    private long at(LocalDateTime local) {
        return Timestamps.toNanos(local.atZone(zone).toInstant());
    }

    /** An RFC 3339 timestamp where RFC 3164 has its own (rsyslog and syslog-ng "ISO" templates); null if absent. */
    private static Long isoTimestamp(Cursor c) {
        String s = c.text;
        int p = c.pos;
        if (p + 19 > s.length() || !digits(s, p, 4) || s.charAt(p + 4) != '-' || s.charAt(p + 10) != 'T') {
            return null;
        }
        int space = s.indexOf(' ', p);
        String word = space < 0 ? s.substring(p) : s.substring(p, space);
        try {
            long nanos;
            try {
                nanos = Timestamps.toNanos(OffsetDateTime.parse(word).toInstant());
            } catch (DateTimeParseException noOffset) {
                nanos = Timestamps.toNanos(LocalDateTime.parse(word).atZone(ZoneId.of("UTC")).toInstant());
            }
            c.pos = p + word.length();
            return nanos;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new SyslogParseException("TIMESTAMP '" + word + "' is not RFC 3339 such as 2026-11-25T10:42:00.123+01:00");
        }
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Position in the message text. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        boolean startsWith(String prefix) {
            return text.startsWith(prefix, pos);
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        /** An RFC 5424 header field followed by one space; null for nil {@code -}. */
        String field(String name) {
            if (atEnd()) {
                throw new SyslogParseException("RFC 5424: " + name + " is missing (the header is truncated)");
            }
            int space = text.indexOf(' ', pos);
            if (space < 0) {
                throw new SyslogParseException("RFC 5424: " + name + " is not followed by a space (the header is truncated)");
            }
            if (space == pos) {
                throw new SyslogParseException("RFC 5424: " + name + " is empty at offset " + pos + " (use '-' for nil)");
            }
            String value = text.substring(pos, space);
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch < 33 || ch > 126) {
                    throw new SyslogParseException("RFC 5424: " + name + " contains a character outside printable US-ASCII");
                }
            }
            pos = space + 1;
            return value.equals("-") ? null : value;
        }

        /** SD-NAME: printable US-ASCII except '=', ' ', ']', '"', up to 32 characters. */
        String name(String what) {
            int start = pos;
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (ch < 33 || ch > 126 || ch == '=' || ch == ']' || ch == '"') {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new SyslogParseException("RFC 5424: " + what + " is empty or has an invalid character at offset " + start);
            }
            if (pos - start > 32) {
                throw new SyslogParseException("RFC 5424: " + what + " '" + text.substring(start, pos) + "' is longer than 32 characters");
            }
            return text.substring(start, pos);
        }
    }
}
