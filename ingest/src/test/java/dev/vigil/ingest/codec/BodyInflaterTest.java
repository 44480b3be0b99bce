package dev.vigil.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import dev.vigil.ingest.codec.CompressedBodyException.Problem;
import org.junit.jupiter.api.Test;

class BodyInflaterTest {
    private static final byte[] TEXT = "{\"message\":\"hello\"}\n".repeat(200).getBytes(StandardCharsets.UTF_8);

    @Test
    void gunzipsOneOrMoreMembers() throws IOException {
        assertArrayEquals(TEXT, BodyInflater.gunzip(gzip(TEXT), 1 << 20));
        byte[] two = concat(gzip(Arrays.copyOf(TEXT, 100)), gzip(Arrays.copyOfRange(TEXT, 100, TEXT.length)));
        assertArrayEquals(TEXT, BodyInflater.gunzip(two, 1 << 20));
        assertArrayEquals(new byte[0], BodyInflater.gunzip(gzip(new byte[0]), 10));
    }

    @Test
    void refusesAStreamCutAtAFlushPoint() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream out = new GZIPOutputStream(bytes, true);
        out.write(TEXT);
        out.flush();
        assertProblem(Problem.TRUNCATED, "truncated", () -> BodyInflater.gunzip(bytes.toByteArray(), 1 << 20));
    }

    @Test
    void refusesEveryCutOfTheBody() throws IOException {
        byte[] whole = gzip(TEXT);
        for (int i = 0; i < whole.length; i++) {
            int length = i;
            byte[] cut = Arrays.copyOf(whole, length);
            CompressedBodyException e = assertThrows(CompressedBodyException.class, () -> BodyInflater.gunzip(cut, 1 << 20),
                    "cut at " + length);
            assertTrue(e.problem() == Problem.TRUNCATED || (length < 2 && e.problem() == Problem.WRONG_FORMAT),
                    () -> "cut at " + length + ": " + e.getMessage());
        }
    }

    @Test
    void checksTheTrailer() throws IOException {
        byte[] badCrc = gzip(TEXT);
        badCrc[badCrc.length - 8] ^= 1;
        assertProblem(Problem.CORRUPT, "CRC-32", () -> BodyInflater.gunzip(badCrc, 1 << 20));
        byte[] badSize = gzip(TEXT);
        badSize[badSize.length - 1] ^= 1;
        assertProblem(Problem.CORRUPT, "trailer says", () -> BodyInflater.gunzip(badSize, 1 << 20));
        byte[] trailing = concat(gzip(TEXT), "junk".getBytes(StandardCharsets.UTF_8));
        assertProblem(Problem.CORRUPT, "trailing data", () -> BodyInflater.gunzip(trailing, 1 << 20));
    }

    @Test
    void namesWhatANonGzipBodyStartsWith() {
        CompressedBodyException e = assertProblem(Problem.WRONG_FORMAT, "body is not gzip", () -> BodyInflater.gunzip(TEXT, 1 << 20));
        assertTrue(e.getMessage().contains("7b 22 6d 65") && e.getMessage().contains("{\"me"), e.getMessage());
        assertProblem(Problem.WRONG_FORMAT, "empty", () -> BodyInflater.gunzip(new byte[0], 10));
    }

    @Test
    void stopsABombAtTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[64 << 20]);
        assertTrue(bomb.length < 100_000);
        CompressedBodyException e = assertProblem(Problem.TOO_LARGE, "limit of 65536", () -> BodyInflater.gunzip(bomb, 65536));
        assertEquals(65536, e.limit());
        assertArrayEquals(TEXT, BodyInflater.gunzip(gzip(TEXT), TEXT.length), "exactly the limit is fine");
        assertProblem(Problem.TOO_LARGE, "limit", () -> BodyInflater.gunzip(gzip(TEXT), TEXT.length - 1));
        assertProblem(Problem.TOO_LARGE, "limit", () -> BodyInflater.inflate(deflate(new byte[1 << 20], false), 1000));
    }

    @Test
    void inflatesZlibAndRawDeflate() throws IOException {
        assertArrayEquals(TEXT, BodyInflater.inflate(deflate(TEXT, false), 1 << 20));
        assertArrayEquals(TEXT, BodyInflater.inflate(deflate(TEXT, true), 1 << 20));
        byte[] zlib = deflate(TEXT, false);
        assertProblem(Problem.TRUNCATED, "truncated", () -> BodyInflater.inflate(Arrays.copyOf(zlib, zlib.length - 2), 1 << 20));
        byte[] badAdler = deflate(TEXT, false);
        badAdler[badAdler.length - 1] ^= 1;
        assertProblem(Problem.CORRUPT, "corrupt", () -> BodyInflater.inflate(badAdler, 1 << 20));
        byte[] random = new byte[256];
        new Random(7).nextBytes(random);
        random[0] = 0x7b; // not a zlib header: tried as raw deflate
        assertThrows(CompressedBodyException.class, () -> BodyInflater.inflate(random, 1 << 20));
    }

    private static CompressedBodyException assertProblem(Problem problem, String naming, org.junit.jupiter.api.function.Executable call) {
        CompressedBodyException e = assertThrows(CompressedBodyException.class, call);
        assertEquals(problem, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains(naming), () -> "should name '" + naming + "': " + e.getMessage());
        return e;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(6, raw))) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
