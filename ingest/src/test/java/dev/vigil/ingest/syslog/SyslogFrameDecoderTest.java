package dev.vigil.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {
    private final List<String> frames = new ArrayList<>();
    private final List<Long> tooLong = new ArrayList<>();
    private final SyslogFrameDecoder.Sink sink = new SyslogFrameDecoder.Sink() {
        @Override
        public void frame(byte[] message) {
            frames.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void tooLong(long length, int max) {
            tooLong.add(length);
        }
    };

    private void feedByteByByte(SyslogFrameDecoder decoder, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes, i, i + 1, sink);
        }
    }

    @Test
    void mixedFramingOnOneStreamInAnyChunking() {
        String stream = "11 <13>1 - - -\n<14>newline one\r\n\n16 <15>has\nnewline!<16>last unterminated";
        SyslogFrameDecoder whole = new SyslogFrameDecoder(1024);
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        whole.feed(bytes, 0, bytes.length, sink);
        assertNull(whole.finish(sink));
        List<String> expected = List.of("<13>1 - - -", "<14>newline one", "<15>has\nnewline!", "<16>last unterminated");
        assertEquals(expected, frames);
        frames.clear();
        SyslogFrameDecoder split = new SyslogFrameDecoder(1024);
        feedByteByByte(split, stream);
        assertNull(split.finish(sink));
        assertEquals(expected, frames);
    }

    @Test
    void framesOverTheLimitAreSkippedAndFramingStaysInSync() {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(512);
        String big = "x".repeat(600);
        feedByteByByte(decoder, "600 " + big + "<13>after octets\n<13>" + big + "\n<13>after line\n");
        assertEquals(List.of("<13>after octets", "<13>after line"), frames);
        assertEquals(2, tooLong.size());
        assertEquals(600L, tooLong.get(0));
    }

    @Test
    void garbageFramingIsRefusedWithAReason() {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(512);
        byte[] garbage = {'<', '1', '>', 'a', '\n', (byte) 0xfe, 0x01};
        SyslogFramingException e = assertThrows(SyslogFramingException.class, () -> decoder.feed(garbage, 0, garbage.length, sink));
        assertTrue(e.getMessage().contains("byte 0xfe"), e.getMessage());
        assertEquals(List.of("<1>a"), frames);
        assertTrue(assertThrows(SyslogFramingException.class, () -> feedByteByByte(new SyslogFrameDecoder(512), "12x"))
                .getMessage().contains("followed by a space"));
        assertTrue(assertThrows(SyslogFramingException.class, () -> feedByteByByte(new SyslogFrameDecoder(512), "12345678901 "))
                .getMessage().contains("digits"));
    }

    @Test
    void truncatedOctetCountedFrameIsReported() {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(512);
        feedByteByByte(decoder, "50 <13>short");
        String cut = decoder.finish(sink);
        assertTrue(cut != null && cut.contains("octet count 50") && cut.contains("after 9 bytes"), cut);
        assertTrue(frames.isEmpty());
    }
}
