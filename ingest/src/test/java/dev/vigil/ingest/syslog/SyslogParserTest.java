package dev.vigil.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.Test;

class SyslogParserTest {
    private static final long RECEIVED = Timestamps.toNanos(Instant.parse("2026-11-25T14:00:00Z"));
    private final SyslogParser parser = new SyslogParser(ZoneId.of("UTC"));

    private LogEvent ok(String text) {
        SyslogParser.Result result = parser.parse(text.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertTrue(result.parsed(), () -> "expected to parse '" + text + "', got " + result.event().attributes());
        assertNull(result.event().attributes().get(SyslogParser.PARSE_ERROR));
        return result.event();
    }

    private String error(String text) {
        SyslogParser.Result result = parser.parse(text.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertFalse(result.parsed(), () -> "expected a parse error for '" + text + "', got " + result.event());
        assertEquals(RECEIVED, result.event().timestampNanos());
        String why = result.event().attributes().get(SyslogParser.PARSE_ERROR);
        assertTrue(why != null && !why.isBlank());
        return why;
    }

    @Test
    void rfc5424WithStructuredDataAndEscapes() {
        LogEvent e = ok("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 42 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Appli\\\"cation\" eventID=\"1011\"][examplePriority@32473 class=\"high\\]\\\\x\\y\"] "
                + "\uFEFFAn application event log entry...\n");
        assertEquals(Timestamps.toNanos(Instant.parse("2003-10-11T22:14:15.003Z")), e.timestampNanos());
        assertEquals("evntslog", e.service());
        assertEquals("mymachine.example.com", e.host());
        assertEquals(Level.INFO, e.level());
        assertEquals("An application event log entry...", e.message());
        assertEquals(Map.of("facility", "local4", "severity", "notice", "procid", "42", "msgid", "ID47",
                "sd.exampleSDID@32473.iut", "3", "sd.exampleSDID@32473.eventSource", "Appli\"cation",
                "sd.exampleSDID@32473.eventID", "1011", "sd.examplePriority@32473.class", "high]\\x\\y"), e.attributes());
    }

    @Test
    void rfc5424NilFieldsOffsetAndNoMessage() {
        LogEvent e = ok("<34>1 2003-08-24T05:14:15.000003-07:00 - - - - -");
        assertEquals(Timestamps.toNanos(Instant.parse("2003-08-24T12:14:15.000003Z")), e.timestampNanos());
        assertEquals(LogEvent.UNKNOWN_SERVICE, e.service());
        assertNull(e.host());
        assertEquals(Level.FATAL, e.level());
        assertEquals("", e.message());
        assertEquals(Map.of("facility", "auth", "severity", "crit"), e.attributes());
        LogEvent nilTime = ok("<15>1 - host app - - - debug text");
        assertEquals(RECEIVED, nilTime.timestampNanos());
        assertEquals(Level.DEBUG, nilTime.level());
    }

    @Test
    void severityToLevel() {
        Level[] expected = {Level.FATAL, Level.FATAL, Level.FATAL, Level.ERROR, Level.WARN, Level.INFO, Level.INFO, Level.DEBUG};
        for (int severity = 0; severity < 8; severity++) {
            assertEquals(expected[severity], ok("<" + (8 + severity) + ">1 - h a - - - m").level());
        }
    }

    @Test
    void rfc3164AndDialects() {
        LogEvent e = ok("<31>Nov 25 14:05:20 vm myapp[16635]: hello 3164\n");
        assertEquals(Timestamps.toNanos(Instant.parse("2026-11-25T14:05:20Z")), e.timestampNanos());
        assertEquals("myapp", e.service());
        assertEquals("vm", e.host());
        assertEquals(Level.DEBUG, e.level());
        assertEquals("hello 3164", e.message());
        assertEquals(Map.of("facility", "daemon", "severity", "debug", "procid", "16635"), e.attributes());

        LogEvent padded = ok("<13>Feb  5 01:02:03 host tag: padded day");
        assertEquals(Timestamps.toNanos(Instant.parse("2026-02-05T01:02:03Z")), padded.timestampNanos());
        assertEquals("tag", padded.service());

        LogEvent december = ok("<13>Dec 31 23:59:59 host tag: last year");
        assertEquals(Timestamps.toNanos(Instant.parse("2025-12-31T23:59:59Z")), december.timestampNanos(),
                "a date more than a day ahead belongs to the previous year");

        LogEvent noHost = ok("<13>Nov 25 10:00:00 sshd[12]: no hostname");
        assertNull(noHost.host());
        assertEquals("sshd", noHost.service());
        assertEquals("no hostname", noHost.message());

        LogEvent iso = ok("<11>2026-11-25T10:00:00.5+01:00 web01 nginx: iso stamp");
        assertEquals(Timestamps.toNanos(Instant.parse("2026-11-25T09:00:00.5Z")), iso.timestampNanos());
        assertEquals("web01", iso.host());
        assertEquals(Level.ERROR, iso.level());

        LogEvent cisco = ok("<187>Nov 25 2024 10:00:00.123 router1 IF: link down");
        assertEquals(Timestamps.toNanos(Instant.parse("2024-11-25T10:00:00.123Z")), cisco.timestampNanos());
        assertEquals("router1", cisco.host());

        LogEvent bare = ok("<13>just a message");
        assertEquals(RECEIVED, bare.timestampNanos());
        assertEquals("just a message", bare.message());
        assertEquals(LogEvent.UNKNOWN_SERVICE, bare.service());

        LogEvent tagOnly = ok("<13>cron: job done");
        assertEquals("cron", tagOnly.service());
        assertEquals("job done", tagOnly.message());

        LogEvent noTag = ok("<13>Nov 25 10:00:00 host free text here");
        assertEquals("host", noTag.host());
        assertEquals("free text here", noTag.message());
    }

    @Test
    void unparseableMessagesKeepTheirTextAndSayWhy() {
        assertTrue(error("no pri at all").contains("no PRI"));
        assertTrue(error("<999>1 - - - - - - x").contains("at most 191"));
        assertTrue(error("<0x1>hello").contains("bad PRI"));
        assertTrue(error("<013>hello").contains("leading zeros"));
        assertTrue(error("<13>1 yesterday host app - - - msg").contains("TIMESTAMP"));
        assertTrue(error("<13>1 2026-11-25T10:00:00Z host app").contains("truncated"));
        assertTrue(error("<13>1 2026-11-25T10:00:00Z host app - - [id k=\"unterminated").contains("not closed"));
        assertTrue(error("<13>1 2026-11-25T10:00:00Z host app - - [id k=v] m").contains("PARAM-NAME 'k'"));
        assertTrue(error("<13>1 2026-11-25T10:00:00Z host app - - junk m").contains("STRUCTURED-DATA"));
        assertTrue(error("<13>Feb 30 10:00:00 host tag: m").contains("not a valid date"));
        SyslogParser.Result bad = parser.parse("<12>1 x".getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertEquals("<12>1 x", bad.event().message());
        assertEquals(Level.WARN, bad.event().level(), "a valid PRI still gives the level");
        assertEquals("user", bad.event().attributes().get("facility"));
        SyslogParser.Result binary = parser.parse(new byte[] {(byte) 0xff, 0, 1, 2, '<'}, RECEIVED);
        assertFalse(binary.parsed());
    }
}
