package dev.vigil.ingest.metrics.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checks that encoding and decoding do not allocate per sample (HotSpot thread allocation counter). */
class ChunkAllocationTest {

    private static final int N = 200_000;
    /** Far below one object per sample (N * 16 bytes = 3.2 MB). */
    private static final long BUDGET_BYTES = 64 * 1024;

    @Test
    void encodeAndDecodeDoNotAllocatePerSample() {
        java.lang.management.ThreadMXBean std = ManagementFactory.getThreadMXBean();
        assumeTrue(std instanceof com.sun.management.ThreadMXBean, "no HotSpot allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) std;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "thread allocation accounting unavailable");

        long seed = 31337L;
        System.out.println("ChunkAllocationTest seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] ts = TestSeries.jitteredTimestamps(rnd, N, 200);
        double[] vs = TestSeries.special(rnd, N);

        ChunkEncoder enc = new ChunkEncoder(4 * 1024 * 1024); // presized: no growth inside the window
        ChunkIterator it = new ChunkIterator();
        byte[] chunk = null;
        long encodeBytes = 0;
        long decodeBytes = 0;
        long checksum = 0;
        for (int round = 0; round < 3; round++) { // later rounds run JIT-compiled code
            enc.reset();
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < N; i++) {
                enc.append(ts[i], vs[i]);
            }
            encodeBytes = mx.getCurrentThreadAllocatedBytes() - before;
            chunk = enc.toBytes();

            before = mx.getCurrentThreadAllocatedBytes();
            it.reset(chunk);
            checksum = 0;
            while (it.next()) {
                checksum += it.timestamp() ^ it.valueBits();
            }
            decodeBytes = mx.getCurrentThreadAllocatedBytes() - before;
        }
        long expected = 0;
        for (int i = 0; i < N; i++) {
            expected += ts[i] ^ Double.doubleToRawLongBits(vs[i]);
        }
        assertEquals(expected, checksum);
        System.out.printf("allocation: encode %d B, decode %d B for %d samples (chunk %d B)%n",
                encodeBytes, decodeBytes, N, chunk.length);
        assertTrue(encodeBytes < BUDGET_BYTES, "encode allocated " + encodeBytes + " bytes");
        assertTrue(decodeBytes < BUDGET_BYTES, "decode allocated " + decodeBytes + " bytes");
    }
}
