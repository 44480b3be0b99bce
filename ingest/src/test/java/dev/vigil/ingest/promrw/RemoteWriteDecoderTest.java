package dev.vigil.ingest.promrw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import dev.vigil.ingest.model.MetricSample;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteWriteDecoderTest {
    private static final long T = 1_900_000_000_000L;
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(1 << 20);

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] bytes(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] label(String name, String value) throws IOException {
        return bytes(out -> {
            out.writeString(1, name);
            out.writeString(2, value);
        });
    }

    static byte[] sample(double value, long ts) throws IOException {
        return bytes(out -> {
            out.writeDouble(1, value);
            out.writeInt64(2, ts);
        });
    }

    static byte[] series(byte[][] labels, byte[]... samples) throws IOException {
        return bytes(out -> {
            for (byte[] label : labels) {
                out.writeByteArray(1, label);
            }
            for (byte[] sample : samples) {
                out.writeByteArray(2, sample);
            }
        });
    }

    static byte[] request(byte[]... series) throws IOException {
        return bytes(out -> {
            for (byte[] one : series) {
                out.writeByteArray(1, one);
            }
        });
    }

    @Test
    void decodesNamesLabelsValuesAndRawNaNBits() throws IOException {
        double stale = Double.longBitsToDouble(0x7ff0000000000002L);
        byte[] body = Snappy.compress(request(
                series(new byte[][] {label("job", "a"), label("__name__", "http_requests_total"), label("code", "200")},
                        sample(1.5, T), sample(stale, T + 1000))));
        RemoteWriteBatch batch = decoder.decode(body);
        assertTrue(batch.ok(), () -> "errors: " + batch.errors());
        assertEquals(1, batch.series());
        List<MetricSample> samples = batch.samples();
        assertEquals(2, samples.size());
        assertEquals("http_requests_total", samples.get(0).name());
        assertEquals(Map.of("job", "a", "code", "200"), samples.get(0).labels());
        assertEquals(T * 1_000_000L, samples.get(0).timestampNanos());
        assertEquals(1.5, samples.get(0).value());
        assertEquals(0x7ff0000000000002L, Double.doubleToRawLongBits(samples.get(1).value()));
    }

    @Test
    void labelStringsAreSharedAcrossSeries() throws IOException {
        byte[] one = series(new byte[][] {label("__name__", "m"), label("job", "shared")}, sample(1, T));
        byte[] two = series(new byte[][] {label("__name__", "m"), label("job", "shared"), label("x", "y")}, sample(2, T));
        RemoteWriteBatch batch = decoder.decodeProtobuf(request(one, two), 0, request(one, two).length);
        assertSame(batch.samples().get(0).labels().get("job"), batch.samples().get(1).labels().get("job"));
    }

    @Test
    void invalidSeriesAreReportedAndSkipped() throws IOException {
        byte[] good = series(new byte[][] {label("__name__", "ok")}, sample(1, T));
        byte[] tooMany;
        byte[][] labels = new byte[RemoteWriteDecoder.MAX_LABELS + 1][];
        labels[0] = label("__name__", "wide");
        for (int i = 1; i < labels.length; i++) {
            labels[i] = label("l" + i, "v");
        }
        tooMany = series(labels, sample(1, T));
        byte[] badUtf8 = series(new byte[][] {label("__name__", "bad"), bytes(out -> {
            out.writeString(1, "v");
            out.writeByteArray(2, new byte[] {(byte) 0xc3, (byte) 0x28});
        })}, sample(1, T));
        byte[] longValue = series(new byte[][] {label("__name__", "long"), label("v", "x".repeat(RemoteWriteDecoder.MAX_LABEL_VALUE_BYTES + 1))},
                sample(1, T));
        byte[] emptyName = series(new byte[][] {label("__name__", "e"), label("", "v")}, sample(1, T));
        byte[] noLabels = series(new byte[0][], sample(1, T));
        byte[] body = request(good, tooMany, badUtf8, longValue, emptyName, noLabels);
        RemoteWriteBatch batch = decoder.decodeProtobuf(body, 0, body.length);
        assertEquals(1, batch.samples().size());
        assertEquals(6, batch.series());
        assertEquals(5, batch.invalidSeries());
        assertEquals(5, batch.rejectedSamples());
        String all = String.join("\n", batch.errors());
        for (String expected : new String[] {"more than the limit of 128", "not valid UTF-8", "more than the limit of 16384 bytes",
                "empty name", "has no labels"}) {
            assertTrue(all.contains(expected), () -> expected + " in:\n" + all);
        }
    }

    @Test
    void wholeRequestProblemsThrowWithAReason() throws IOException {
        byte[] valid = request(series(new byte[][] {label("__name__", "m")}, sample(1, T)));
        assertEquals("bad_protobuf", assertThrows(RemoteWriteFormatException.class,
                () -> decoder.decodeProtobuf(valid, 0, valid.length - 1)).reason());
        assertEquals("bad_snappy", assertThrows(RemoteWriteFormatException.class, () -> decoder.decode(valid)).reason());
        byte[] compressed = Snappy.compress(valid);
        assertEquals("bad_snappy", assertThrows(RemoteWriteFormatException.class,
                () -> decoder.decode(Arrays.copyOf(compressed, compressed.length - 1))).reason());
        RemoteWriteDecoder tiny = new RemoteWriteDecoder(8);
        assertEquals("too_large", assertThrows(RemoteWriteFormatException.class, () -> tiny.decode(compressed)).reason());
    }
}
