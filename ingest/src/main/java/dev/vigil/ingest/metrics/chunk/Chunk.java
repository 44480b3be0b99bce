package dev.vigil.ingest.metrics.chunk;

/**
 * Layout of a compressed time-series chunk and static entry points for reading one.
 *
 * <p>The encoding follows the scheme of Facebook's Gorilla paper (Pelkonen et al., VLDB 2015):
 * timestamps as delta-of-delta in variable-width buckets, values as the XOR with the previous
 * value stored as a window of meaningful bits, reusing the previous window when the new XOR fits
 * into it.
 *
 * <h2>Format version 1</h2>
 *
 * <pre>
 * offset  size  field
 *      0     1  format byte, always 1
 *      1     4  sample count (int, big-endian, &gt;= 0)
 *      5     8  first timestamp, epoch millis (long, big-endian; 0 if the chunk is empty)
 *     13     8  last timestamp, epoch millis (long, big-endian; 0 if the chunk is empty)
 *     21     *  bit stream, most significant bit first, last byte zero-padded
 * </pre>
 *
 * <p>The bit stream holds, for each sample {@code i} in order:
 *
 * <ol>
 *   <li>Timestamp, only for {@code i >= 1} (sample 0's timestamp is the header's first
 *       timestamp). With {@code delta(i) = t(i) - t(i-1)} and {@code delta(0) = 0}, the
 *       delta-of-delta {@code dod = delta(i) - delta(i-1)} (two's complement, wrapping) is written
 *       as:
 *       <pre>
 *       '0'                    dod == 0
 *       '10'    +  7 bits      dod in [-64, 63]
 *       '110'   + 14 bits      dod in [-8192, 8191]
 *       '1110'  + 20 bits      dod in [-524288, 524287]
 *       '11110' + 32 bits      dod in int range
 *       '11111' + 64 bits      any other dod
 *       </pre>
 *       Payloads are two's complement, sign-extended on read.
 *   <li>Value. With {@code x = rawBits(v(i)) ^ rawBits(v(i-1))} and {@code rawBits(v(-1)) = 0}
 *       ({@link Double#doubleToRawLongBits}, so NaN payloads survive exactly):
 *       <pre>
 *       '0'                                  x == 0 (same bits as the previous value)
 *       '10' + m bits                        x fits the current window: m = 64 - lead - trail
 *                                            of that window (only for i &gt;= 1)
 *       '10' + 64 bits                       for i == 0 only: the raw value bits
 *       '11' + 5 bits lead + 6 bits m        window; lead = min(leading zeros of x, 31),
 *            + m bits                        trail = trailing zeros of x, m = 64 - lead - trail,
 *                                            written as 0 when m == 64
 *       </pre>
 *       The m bits are {@code x >>> trail}. A window written for {@code i >= 1} becomes the
 *       current window; the one of sample 0 does not (there is no current window until sample
 *       1 or later writes one). The encoder reuses a fitting window unless that wastes more than
 *       11 bits compared with a new one.
 * </ol>
 *
 * <p>The header's count and last timestamp are written when the snapshot is taken (see {@link
 * ChunkEncoder#toBytes()}), so {@link #count}, {@link #firstTimestamp} and {@link #lastTimestamp}
 * answer without decoding, e.g. for range pruning.
 */
public final class Chunk {

    /** The format byte of chunks produced by this version of {@link ChunkEncoder}. */
    public static final byte FORMAT_V1 = 1;

    /** Size of the fixed header preceding the bit stream. */
    public static final int HEADER_BYTES = 21;

    static final int OFFSET_FORMAT = 0;
    static final int OFFSET_COUNT = 1;
    static final int OFFSET_FIRST_TIMESTAMP = 5;
    static final int OFFSET_LAST_TIMESTAMP = 13;

    private Chunk() {}

    /**
     * Returns an iterator over the samples of {@code chunk}. The iterator does not copy the array.
     *
     * @throws IllegalArgumentException if the header is malformed
     * @see ChunkIterator#reset(byte[]) to reuse one iterator for many chunks
     */
    public static ChunkIterator iterator(byte[] chunk) {
        return ChunkDecoder.iterator(chunk);
    }

    /** Number of samples in {@code chunk}, read from the header. */
    public static int count(byte[] chunk) {
        return ChunkDecoder.count(chunk);
    }

    /** First timestamp of {@code chunk}, read from the header. */
    public static long firstTimestamp(byte[] chunk) {
        return ChunkDecoder.firstTimestamp(chunk);
    }

    /** Last timestamp of {@code chunk}, read from the header. */
    public static long lastTimestamp(byte[] chunk) {
        return ChunkDecoder.lastTimestamp(chunk);
    }
}
