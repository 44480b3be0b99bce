package dev.vigil.ingest.metrics.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkCodecTest {


    static byte[] encode(TestSeries s) {
        ChunkEncoder enc = new ChunkEncoder();
        for (int i = 0; i < s.size(); i++) {
            enc.append(s.timestamps[i], s.values[i]);
            assertEquals(i + 1, enc.count());
        }
        byte[] bytes = enc.toBytes();
        assertEquals(enc.sizeInBytes(), bytes.length, s.name);
        return bytes;
    }

    /** Asserts that {@code chunk} holds exactly the first {@code n} samples of {@code s}, bit for bit. */
    static void assertDecodes(TestSeries s, int n, byte[] chunk, String ctx) {
        assertEquals(Chunk.FORMAT_V1, chunk[0], ctx);
        assertEquals(n, Chunk.count(chunk), ctx);
        assertEquals(n, ChunkDecoder.count(chunk), ctx);
        if (n > 0) {
            assertEquals(s.timestamps[0], Chunk.firstTimestamp(chunk), ctx);
            assertEquals(s.timestamps[n - 1], Chunk.lastTimestamp(chunk), ctx);
        }
        ChunkIterator it = Chunk.iterator(chunk);
        assertEquals(n, it.count(), ctx);
        for (int i = 0; i < n; i++) {
            assertTrue(it.next(), ctx + " sample " + i);
            assertEquals(s.timestamps[i], it.timestamp(), ctx + " timestamp of sample " + i);
            long expected = Double.doubleToRawLongBits(s.values[i]);
            long actual = it.valueBits();
            if (expected != actual) {
                assertEquals(Long.toHexString(expected), Long.toHexString(actual),
                        ctx + " value bits of sample " + i);
            }
            assertEquals(expected, Double.doubleToRawLongBits(it.value()), ctx + " value of sample " + i);
        }
        assertFalse(it.next(), ctx);
        assertFalse(it.next(), ctx);

        ChunkDecoder.Samples all = ChunkDecoder.decodeAll(chunk);
        assertEquals(n, all.count(), ctx);
        for (int i = 0; i < n; i++) {
            assertEquals(s.timestamps[i], all.timestamps()[i], ctx);
            assertEquals(Double.doubleToRawLongBits(s.values[i]),
                    Double.doubleToRawLongBits(all.values()[i]), ctx + " decodeAll value " + i);
        }
    }

    static List<TestSeries> seriesFor(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 240;
        List<TestSeries> out = new ArrayList<>();
        out.add(new TestSeries("regular15s-counter", TestSeries.regularTimestamps(n),
                TestSeries.counter(rnd, n, 20, false)));
        out.add(new TestSeries("jitter15s-counter-resets", TestSeries.jitteredTimestamps(rnd, n, 500),
                TestSeries.counter(rnd, n, 1000, true)));
        out.add(new TestSeries("jitter15s-fractional-counter", TestSeries.jitteredTimestamps(rnd, n, 20),
                TestSeries.fractionalCounter(rnd, n)));
        out.add(new TestSeries("jitter15s-gauge", TestSeries.jitteredTimestamps(rnd, n, 7000),
                TestSeries.gauge(rnd, n)));
        out.add(new TestSeries("regular15s-steppy-gauge", TestSeries.regularTimestamps(n),
                TestSeries.steppyGauge(rnd, n)));
        out.add(new TestSeries("regular15s-constant", TestSeries.regularTimestamps(n),
                TestSeries.constant(n, 42.0)));
        out.add(new TestSeries("jitter15s-constant-stale", TestSeries.jitteredTimestamps(rnd, n, 3),
                TestSeries.constant(n, Double.longBitsToDouble(TestSeries.STALE_NAN_BITS))));
        out.add(new TestSeries("irregular-special", TestSeries.irregularTimestamps(rnd, 2000),
                TestSeries.special(rnd, 2000)));
        out.add(new TestSeries("irregular-gauge", TestSeries.irregularTimestamps(rnd, 500),
                TestSeries.gauge(rnd, 500)));
        return out;
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {7L, 1_234_567L, 20150831L, -99L})
    void randomSeriesRoundTripExactly(long seed) {
        System.out.println("ChunkCodecTest.randomSeriesRoundTripExactly seed=" + seed);
        for (TestSeries s : seriesFor(seed)) {
            byte[] chunk = encode(s);
            assertDecodes(s, s.size(), chunk, "seed=" + seed + " series=" + s.name);
        }
    }

    @Test
    void specialValuesRoundTripBitExact() {
        long[] bits = {
            TestSeries.STALE_NAN_BITS, 0x7ff8000000000000L, 0x7ff0000000000001L, 0xfff0000000000001L,
            0x7ff0000000000002L, 0x7ff0000000000002L, 0xffffffffffffffffL,
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(0.0),
            Double.doubleToRawLongBits(-0.0), 1L, 0x8000000000000001L,
            Double.doubleToRawLongBits(Double.MAX_VALUE), Double.doubleToRawLongBits(1.5),
            TestSeries.STALE_NAN_BITS, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 0x5555555555555555L,
            0xaaaaaaaaaaaaaaaaL,
        };
        long[] ts = new long[bits.length];
        double[] vs = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            ts[i] = TestSeries.BASE_MS + i * 15_000L;
            vs[i] = Double.longBitsToDouble(bits[i]);
        }
        TestSeries s = new TestSeries("special", ts, vs);
        byte[] chunk = encode(s);
        ChunkIterator it = Chunk.iterator(chunk);
        for (long b : bits) {
            assertTrue(it.next());
            assertEquals(b, it.valueBits(), () -> "expected " + Long.toHexString(b));
        }
        assertDecodes(s, s.size(), chunk, "special");
    }

    @Test
    void extremeTimestampsAndDeltasOfDelta() {
        long[] ts = {
            Long.MIN_VALUE, Long.MIN_VALUE + 1, -86_400_000L * 365, -1, 0, 1, 2, 86_400_000L * 3,
            86_400_000L * 3 + 1, // large negative delta-of-delta after a 3-day gap
            86_400_000L * 3 + 15_001, 86_400_000L * 3 + 30_001,
            Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE,
        };
        double[] vs = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            vs[i] = i;
        }
        TestSeries s = new TestSeries("extremes", ts, vs);
        assertDecodes(s, ts.length, encode(s), "extremes");

        // A full-range first delta: Long.MIN_VALUE -> Long.MAX_VALUE overflows a signed delta.
        TestSeries wrap = new TestSeries("wrap", new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new double[] {1, 2});
        assertDecodes(wrap, 2, encode(wrap), "wrap");
    }

    @Test
    void everyDeltaOfDeltaBucketBoundary() {
        long[] dods = {
            0, 1, -1, 63, -64, 64, -65, 8191, -8192, 8192, -8193, 524287, -524288, 524288, -524289,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
        };
        for (long dod : dods) {
            // keep deltas positive: start from a big delta, then apply dod
            long d0 = 10_000_000_000L;
            long[] ts = {1_000, 1_000 + d0, 1_000 + d0 + d0, 1_000 + 3 * d0 + dod, 1_000 + 4 * d0 + dod};
            double[] vs = {1, 2, 3, 4, 5};
            TestSeries s = new TestSeries("dod=" + dod, ts, vs);
            assertDecodes(s, ts.length, encode(s), s.name);
        }
    }

    @Test
    void emptyAndSingleSampleChunks() {
        ChunkEncoder enc = new ChunkEncoder();
        assertTrue(enc.isEmpty());
        assertThrows(IllegalStateException.class, enc::firstTimestamp);
        assertThrows(IllegalStateException.class, enc::lastTimestamp);
        byte[] empty = enc.toBytes();
        assertEquals(Chunk.HEADER_BYTES, empty.length);
        assertEquals(0, Chunk.count(empty));
        assertThrows(IllegalStateException.class, () -> Chunk.firstTimestamp(empty));
        assertThrows(IllegalStateException.class, () -> Chunk.lastTimestamp(empty));
        ChunkIterator it = Chunk.iterator(empty);
        assertFalse(it.next());
        assertThrows(NoSuchElementException.class, it::timestamp);
        assertEquals(0, ChunkDecoder.decodeAll(empty).count());

        enc.append(-5L, Double.longBitsToDouble(TestSeries.STALE_NAN_BITS));
        byte[] one = enc.toBytes();
        assertEquals(1, Chunk.count(one));
        assertEquals(-5L, Chunk.firstTimestamp(one));
        assertEquals(-5L, Chunk.lastTimestamp(one));
        it.reset(one);
        assertThrows(NoSuchElementException.class, it::value);
        assertTrue(it.next());
        assertEquals(-5L, it.timestamp());
        assertEquals(TestSeries.STALE_NAN_BITS, it.valueBits());
        assertFalse(it.next());
        assertThrows(NoSuchElementException.class, it::timestamp);
    }

    @Test
    void outOfOrderAndDuplicateTimestampsAreRejectedWithoutDamage() {
        ChunkEncoder enc = new ChunkEncoder();
        enc.append(1_000L, 1.0);
        enc.append(16_000L, 2.0);
        byte[] before = enc.toBytes();

        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> enc.append(16_000L, 3.0));
        assertTrue(dup.getMessage().contains("16000"), dup.getMessage());
        assertTrue(dup.getMessage().contains("duplicate"), dup.getMessage());

        IllegalArgumentException ooo = assertThrows(IllegalArgumentException.class, () -> enc.append(15_999L, 3.0));
        assertTrue(ooo.getMessage().contains("15999"), ooo.getMessage());
        assertTrue(ooo.getMessage().contains("16000"), ooo.getMessage());

        assertEquals(2, enc.count());
        assertEquals(16_000L, enc.lastTimestamp());
        assertArrayEquals(before, enc.toBytes());

        enc.append(31_000L, 3.0);
        TestSeries s = new TestSeries("after-reject", new long[] {1_000, 16_000, 31_000}, new double[] {1, 2, 3});
        assertDecodes(s, 3, enc.toBytes(), "after-reject");
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3L, 8_675_309L})
    void snapshotsWhileAppendingAreIndependentAndComplete(long seed) {
        System.out.println("ChunkCodecTest.snapshotsWhileAppending seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 600;
        TestSeries s = new TestSeries("snap", TestSeries.jitteredTimestamps(rnd, n, 250), TestSeries.special(rnd, n));
        ChunkEncoder enc = new ChunkEncoder(1); // force many buffer growths
        List<byte[]> snaps = new ArrayList<>();
        List<byte[]> copies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            enc.append(s.timestamps[i], s.values[i]);
            assertEquals(s.timestamps[0], enc.firstTimestamp());
            assertEquals(s.timestamps[i], enc.lastTimestamp());
            if (i < 70 || rnd.nextInt(10) == 0) {
                byte[] snap = enc.toBytes();
                assertEquals(enc.sizeInBytes(), snap.length);
                assertDecodes(s, i + 1, snap, "seed=" + seed + " live snapshot after " + (i + 1));
                snaps.add(snap);
                copies.add(snap.clone());
                sizes.add(i + 1);
            }
        }
        // Earlier snapshots are untouched by later appends and still decode to their prefix.
        for (int k = 0; k < snaps.size(); k++) {
            assertArrayEquals(copies.get(k), snaps.get(k));
            assertDecodes(s, sizes.get(k), snaps.get(k), "seed=" + seed + " old snapshot of " + sizes.get(k));
        }
        // A snapshot equals what a fresh encoder of the same prefix produces.
        for (int k = 0; k < snaps.size(); k += 7) {
            ChunkEncoder fresh = new ChunkEncoder();
            for (int i = 0; i < sizes.get(k); i++) {
                fresh.append(s.timestamps[i], s.values[i]);
            }
            assertArrayEquals(fresh.toBytes(), snaps.get(k));
        }
    }

    @Test
    void encoderResetStartsAFreshChunk() {
        SplittableRandom rnd = new SplittableRandom(11);
        TestSeries a = new TestSeries("a", TestSeries.jitteredTimestamps(rnd, 100, 100), TestSeries.gauge(rnd, 100));
        ChunkEncoder enc = new ChunkEncoder();
        for (int i = 0; i < a.size(); i++) {
            enc.append(a.timestamps[i], a.values[i]);
        }
        enc.reset();
        assertTrue(enc.isEmpty());
        enc.append(5L, 1.0); // earlier than anything before reset: allowed in a fresh chunk
        TestSeries b = new TestSeries("b", new long[] {5L}, new double[] {1.0});
        assertDecodes(b, 1, enc.toBytes(), "after reset");
    }

    @Test
    void iteratorReuseOffsetsAndAdvanceTo() {
        SplittableRandom rnd = new SplittableRandom(5);
        TestSeries s = new TestSeries("s", TestSeries.regularTimestamps(50), TestSeries.counter(rnd, 50, 5, false));
        byte[] chunk = encode(s);
        byte[] padded = new byte[chunk.length + 10];
        System.arraycopy(chunk, 0, padded, 3, chunk.length);
        ChunkIterator it = new ChunkIterator();
        assertFalse(it.next());
        it.reset(padded, 3, chunk.length);
        int i = 0;
        while (it.next()) {
            assertEquals(s.timestamps[i], it.timestamp());
            assertEquals(s.values[i], it.value());
            i++;
        }
        assertEquals(50, i);

        it.reset(chunk);
        assertTrue(it.advanceTo(s.timestamps[10] - 1));
        assertEquals(s.timestamps[10], it.timestamp());
        assertEquals(11, it.position());
        assertTrue(it.advanceTo(s.timestamps[10])); // current qualifies: stays
        assertEquals(s.timestamps[10], it.timestamp());
        assertTrue(it.advanceTo(s.timestamps[49]));
        assertEquals(s.values[49], it.value());
        assertFalse(it.advanceTo(s.timestamps[49] + 1));
        assertFalse(it.advanceTo(Long.MIN_VALUE));
    }

    @Test
    void malformedInputIsRejected() {
        SplittableRandom rnd = new SplittableRandom(9);
        TestSeries s = new TestSeries("s", TestSeries.jitteredTimestamps(rnd, 100, 400), TestSeries.gauge(rnd, 100));
        byte[] chunk = encode(s);

        assertThrows(IllegalArgumentException.class, () -> Chunk.count(new byte[5]));
        byte[] wrongFormat = chunk.clone();
        wrongFormat[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> Chunk.iterator(wrongFormat));
        assertThrows(IllegalArgumentException.class, () -> Chunk.count(wrongFormat));

        byte[] negativeCount = chunk.clone();
        negativeCount[1] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> Chunk.count(negativeCount));

        byte[] truncated = java.util.Arrays.copyOf(chunk, chunk.length - 20);
        assertThrows(IllegalArgumentException.class, () -> drain(truncated));

        byte[] tooMany = chunk.clone();
        tooMany[4]++; // claims one more sample than the stream holds
        assertThrows(IllegalArgumentException.class, () -> drain(tooMany));

        byte[] wrongLast = chunk.clone();
        wrongLast[Chunk.HEADER_BYTES - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> drain(wrongLast));

        assertThrows(IllegalArgumentException.class,
                () -> ChunkDecoder.decodeAll(chunk, new long[99], new double[100]));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {77L, 2024L})
    void corruptStreamsFailOnlyWithIllegalArgumentException(long seed) {
        System.out.println("ChunkCodecTest.corruptStreams seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        TestSeries s = new TestSeries("s", TestSeries.irregularTimestamps(rnd, 300), TestSeries.special(rnd, 300));
        byte[] chunk = encode(s);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = chunk.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = Chunk.HEADER_BYTES + rnd.nextInt(bad.length - Chunk.HEADER_BYTES);
                bad[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            int cut = rnd.nextInt(4) == 0 ? rnd.nextInt(Chunk.HEADER_BYTES, bad.length + 1) : bad.length;
            byte[] input = java.util.Arrays.copyOf(bad, cut);
            try {
                drain(input);
            } catch (IllegalArgumentException expected) {
                // fine: detected
            }
        }
    }

    private static void drain(byte[] chunk) {
        ChunkIterator it = Chunk.iterator(chunk);
        while (it.next()) {
            it.timestamp();
        }
    }
}
