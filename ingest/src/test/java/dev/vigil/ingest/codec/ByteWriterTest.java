package dev.vigil.ingest.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The primitive encodings under {@link BatchCodec}, against {@link ByteReader}. */
class ByteWriterTest {

    @Test
    void stringsEncodeExactlyLikeTheJdk() {
        String[] samples = {"", "ascii", "é", "€uro", "😀 emoji", "mixed ascii then ü and 決済 and 𝄞", "lone \uD800 surrogate", "\uDC00x"};
        for (String s : samples) {
            ByteWriter out = new ByteWriter(1);
            out.writeString(s);
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            ByteReader in = new ByteReader(out.toByteArray(), 0, out.size());
            assertEquals(expected.length + 1, (int) in.readVarLong(), s);
            assertArrayEquals(expected, in.readBytes(expected.length), s);
        }
    }

    @Test
    void valuesRoundTrip() {
        long[] longs = {0, 1, -1, 63, -64, 64, Long.MAX_VALUE, Long.MIN_VALUE, 1_764_067_320_123_456_789L};
        ByteWriter out = new ByteWriter(1);
        for (long v : longs) {
            out.writeZigZagLong(v);
            out.writeVarLong(v);
        }
        out.writeDouble(-0.0);
        out.writeString(null);
        out.writeString("ok");
        ByteReader in = new ByteReader(out.toByteArray(), 0, out.size());
        for (long v : longs) {
            assertEquals(v, in.readZigZagLong());
            assertEquals(v, in.readVarLong());
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(in.readDouble()));
        assertNull(in.readString());
        assertEquals("ok", in.readString());
        assertEquals(0, in.remaining());
    }

    @Test
    void zigZagKeepsSmallNegativesShort() {
        ByteWriter out = new ByteWriter(1);
        out.writeZigZagLong(-1);
        out.writeZigZagLong(-64);
        assertArrayEquals(new byte[]{1, 127}, out.toByteArray());
    }
}
