package dev.vigil.ingest.metrics.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BitIoTest {

    private static long mask(int n) {
        return -1L >>> (64 - n);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 42L, 20150831L, 0x5EEDL})
    void randomFieldsRoundTrip(long seed) {
        System.out.println("BitIoTest.randomFieldsRoundTrip seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int fields = 20_000;
        int[] widths = new int[fields];
        long[] values = new long[fields];
        BitWriter w = new BitWriter(8);
        long totalBits = 0;
        for (int i = 0; i < fields; i++) {
            int n = rnd.nextInt(8) == 0 ? 1 : rnd.nextInt(1, 65);
            long v = rnd.nextLong();
            widths[i] = n;
            values[i] = v & mask(n);
            if (n == 1 && rnd.nextBoolean()) {
                w.writeBit((int) v);
            } else {
                w.write(v, n); // high garbage bits must be ignored
            }
            totalBits += n;
            assertEquals(totalBits, w.bitLength(), "seed=" + seed);
        }
        byte[] bytes = w.toByteArray();
        assertEquals((totalBits + 7) / 8, bytes.length, "seed=" + seed);
        BitReader r = new BitReader(bytes, 0, bytes.length);
        for (int i = 0; i < fields; i++) {
            long got = widths[i] == 1 && (i & 1) == 0 ? r.readBit() : r.read(widths[i]);
            assertEquals(values[i], got, "seed=" + seed + " field " + i + " width " + widths[i]);
        }
        assertEquals(bytes.length * 8L - totalBits, r.remainingBits());
    }

    @Test
    void signedReadSignExtends() {
        BitWriter w = new BitWriter();
        w.write(-5, 7);
        w.write(63, 7);
        w.write(-64, 7);
        w.write(Long.MIN_VALUE, 64);
        w.write(-1, 64);
        byte[] b = w.toByteArray();
        BitReader r = new BitReader(b, 0, b.length);
        assertEquals(-5, r.readSigned(7));
        assertEquals(63, r.readSigned(7));
        assertEquals(-64, r.readSigned(7));
        assertEquals(Long.MIN_VALUE, r.readSigned(64));
        assertEquals(-1, r.readSigned(64));
    }

    @Test
    void snapshotDoesNotDisturbWriterAndMatchesPrefix() {
        BitWriter w = new BitWriter(8);
        w.write(0b101, 3);
        byte[] first = w.toByteArray();
        assertArrayEquals(new byte[] {(byte) 0b1010_0000}, first);
        w.write(0xFFFF_FFFF_FFFFL, 61);
        w.write(0b1, 1);
        byte[] second = w.toByteArray();
        assertEquals(9, second.length);
        BitReader r = new BitReader(second, 0, second.length);
        assertEquals(0b101, r.read(3));
        assertEquals(0xFFFF_FFFF_FFFFL, r.read(61));
        assertEquals(1, r.readBit());
        assertArrayEquals(new byte[] {(byte) 0b1010_0000}, first);
    }

    @Test
    void exactWordBoundaries() {
        BitWriter w = new BitWriter(8);
        for (int i = 0; i < 5; i++) {
            w.write(0x0123_4567_89AB_CDEFL + i, 64);
        }
        w.write(3, 2);
        w.write(0x3FFF_FFFF_FFFF_FFFFL, 62); // completes a word exactly
        byte[] b = w.toByteArray();
        assertEquals(48, b.length);
        BitReader r = new BitReader(b, 0, b.length);
        for (int i = 0; i < 5; i++) {
            assertEquals(0x0123_4567_89AB_CDEFL + i, r.read(64));
        }
        assertEquals(-1L, r.read(64));
        assertEquals(0, r.remainingBits());
    }

    @Test
    void readerHonoursRegionAndDetectsTruncation() {
        byte[] buf = {(byte) 0xFF, (byte) 0x80, (byte) 0x00, (byte) 0xFF};
        BitReader r = new BitReader(buf, 1, 2);
        assertEquals(0x8000, r.read(16));
        assertThrows(IllegalArgumentException.class, r::readBit);
        r.reset(buf, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> r.read(9));
        assertThrows(IndexOutOfBoundsException.class, () -> r.reset(buf, 3, 2));
    }

    @Test
    void writerRejectsBadWidths() {
        BitWriter w = new BitWriter();
        assertThrows(IllegalArgumentException.class, () -> w.write(0, 0));
        assertThrows(IllegalArgumentException.class, () -> w.write(0, 65));
    }
}
