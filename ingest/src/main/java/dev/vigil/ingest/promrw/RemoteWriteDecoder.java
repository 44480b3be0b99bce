package dev.vigil.ingest.promrw;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.MetricSample;
import org.xerial.snappy.Snappy;

/**
 * Decodes Prometheus remote-write 1.0 bodies: snappy <em>block</em> compression around a protobuf
 * {@code prometheus.WriteRequest}, read field by field with {@link CodedInputStream} (no generated
 * classes):
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }          // 3 = metadata and others: skipped
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }   // 3 exemplars, 4 histograms: skipped
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }       // milliseconds since the epoch
 * </pre>
 *
 * <p>{@code __name__} becomes the metric name, the other labels the labels. A series with invalid
 * labels is refused whole; a sample with an invalid timestamp is refused alone; both are reported
 * in {@link RemoteWriteBatch#errors()} while the rest of the request decodes. A body that is not
 * snappy, too large or not a well-formed {@code WriteRequest} throws
 * {@link RemoteWriteFormatException}. Values keep their raw bits, so the stale marker NaN
 * ({@code 0x7ff0000000000002}) arrives as sent.
 *
 * <p>Thread-safe: all state is per call.
 */
public final class RemoteWriteDecoder {
    /** Largest label set accepted per series. */
    public static final int MAX_LABELS = 128;
    /** Longest label name (and metric name) accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 256;
    /** Longest label value accepted, in bytes of UTF-8. */
    public static final int MAX_LABEL_VALUE_BYTES = 16 * 1024;

    private static final String METRIC_NAME_LABEL = "__name__";
    private static final int TAG_TIMESERIES = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TAG_LABEL = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TAG_SAMPLE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TAG_LABEL_NAME = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TAG_LABEL_VALUE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int TAG_SAMPLE_VALUE = tag(1, WireFormat.WIRETYPE_FIXED64);
    private static final int TAG_SAMPLE_TIMESTAMP = tag(2, WireFormat.WIRETYPE_VARINT);
    private static final long MAX_TIMESTAMP_MS = Long.MAX_VALUE / 1_000_000L;
    private static final byte[] SNAPPY_FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private final int maxUncompressedBytes;

    private static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }

    /** @param maxUncompressedBytes largest decompressed {@code WriteRequest} accepted */
    public RemoteWriteDecoder(int maxUncompressedBytes) {
        if (maxUncompressedBytes <= 0) {
            throw new IllegalArgumentException("maxUncompressedBytes must be positive, was " + maxUncompressedBytes);
        }
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    public int maxUncompressedBytes() {
        return maxUncompressedBytes;
    }

    /** Decompresses and decodes a request body as sent with {@code Content-Encoding: snappy}. */
    public RemoteWriteBatch decode(byte[] snappyBody) {
        byte[] request = uncompress(snappyBody);
        return decodeProtobuf(request, 0, request.length);
    }

    /** Snappy block decompression with the size checked before any memory is allocated. */
    public byte[] uncompress(byte[] body) {
        if (body.length == 0) {
            throw new RemoteWriteFormatException("bad_snappy", "request body is empty; expected a snappy-compressed WriteRequest");
        }
        if (startsWith(body, SNAPPY_FRAMED_MAGIC)) {
            throw new RemoteWriteFormatException("bad_snappy",
                    "request body is in the snappy framed (stream) format; remote write uses the snappy block format");
        }
        // The block starts with the uncompressed length as a varint: check it before anything else.
        long declared = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            if (i == body.length || i == 5) {
                throw new RemoteWriteFormatException("bad_snappy", "request body is not valid snappy block-compressed data "
                        + "(Content-Encoding: snappy): the uncompressed-length header is malformed");
            }
            declared |= (long) (body[i] & 0x7f) << shift;
            shift += 7;
            if ((body[i] & 0x80) == 0) {
                break;
            }
        }
        if (declared > maxUncompressedBytes) {
            throw new RemoteWriteFormatException("too_large", "decompressed WriteRequest would be " + declared
                    + " bytes, more than the limit of " + maxUncompressedBytes + " bytes; send smaller batches (queue_config.max_samples_per_send)");
        }
        int length;
        try {
            length = Snappy.uncompressedLength(body, 0, body.length);
        } catch (IOException | RuntimeException e) {
            throw notSnappy(e);
        }
        try {
            if (!Snappy.isValidCompressedBuffer(body, 0, body.length)) {
                throw new RemoteWriteFormatException("bad_snappy", "request body is not valid snappy block-compressed data (Content-Encoding: snappy)");
            }
            byte[] out = new byte[length];
            int written = Snappy.uncompress(body, 0, body.length, out, 0);
            if (written != length) {
                throw new RemoteWriteFormatException("bad_snappy", "snappy data decompressed to " + written + " bytes but announced " + length);
            }
            return out;
        } catch (IOException e) {
            throw notSnappy(e);
        }
    }

    private static RemoteWriteFormatException notSnappy(Exception e) {
        return new RemoteWriteFormatException("bad_snappy", "request body is not valid snappy block-compressed data (Content-Encoding: snappy): "
                + e.getMessage());
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes an uncompressed {@code WriteRequest}. */
    public RemoteWriteBatch decodeProtobuf(byte[] buffer, int offset, int length) {
        Call call = new Call();
        CodedInputStream in = CodedInputStream.newInstance(buffer, offset, length);
        in.enableAliasing(true);
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (tag == TAG_TIMESERIES) {
                    int size = in.readRawVarint32();
                    int limit = in.pushLimit(size);
                    call.series++;
                    readSeries(in, call);
                    in.popLimit(limit);
                } else {
                    expectWireType(tag, 1, "WriteRequest.timeseries");
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new RemoteWriteFormatException("bad_protobuf", "body is not a valid protobuf prometheus.WriteRequest: "
                    + e.getMessage() + " (in time series " + Math.max(call.series, 1) + ", at byte " + in.getTotalBytesRead() + ")");
        } catch (IOException e) {
            throw new RemoteWriteFormatException("bad_protobuf", "body is not a valid protobuf prometheus.WriteRequest: " + e.getMessage());
        }
        return new RemoteWriteBatch(call.samples, call.series, call.invalidSeries, call.rejectedSamples,
                call.errors, call.errorCount);
    }

    private static void expectWireType(int tag, int field, String name) throws InvalidProtocolBufferException {
        if (WireFormat.getTagFieldNumber(tag) == field) {
            throw new InvalidProtocolBufferException("field " + name + " (" + field + ") has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + WireFormat.WIRETYPE_LENGTH_DELIMITED + " (length-delimited)");
        }
    }

    /** State of one decode call: strings seen, scratch arrays, results. */
    private static final class Call {
        final List<MetricSample> samples = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final Map<ByteString, String> strings = new HashMap<>();
        final ByteString[] names = new ByteString[MAX_LABELS + 1];
        final ByteString[] values = new ByteString[MAX_LABELS + 1];
        long[] timestamps = new long[16];
        double[] sampleValues = new double[16];
        int series;
        int invalidSeries;
        long rejectedSamples;
        int errorCount;

        void error(String message) {
            errorCount++;
            if (errors.size() < RemoteWriteBatch.MAX_ERRORS) {
                errors.add(message);
            }
        }

        /** One String per distinct byte sequence per request: label names and common values repeat. */
        String string(ByteString bytes) {
            String known = strings.get(bytes);
            if (known == null) {
                known = bytes.toStringUtf8();
                // Aliased ByteStrings point into the request buffer, which lives as long as this call.
                strings.put(bytes, known);
            }
            return known;
        }
    }

    private static void readSeries(CodedInputStream in, Call call) throws IOException {
        int labelCount = 0;
        int totalLabels = 0;
        int sampleCount = 0;
        String labelProblem = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (tag == TAG_LABEL) {
                int size = in.readRawVarint32();
                int limit = in.pushLimit(size);
                ByteString name = ByteString.EMPTY;
                ByteString value = ByteString.EMPTY;
                while (true) {
                    int labelTag = in.readTag();
                    if (labelTag == 0) {
                        break;
                    }
                    if (labelTag == TAG_LABEL_NAME) {
                        name = in.readBytes();
                    } else if (labelTag == TAG_LABEL_VALUE) {
                        value = in.readBytes();
                    } else {
                        expectWireType(labelTag, 1, "Label.name");
                        expectWireType(labelTag, 2, "Label.value");
                        in.skipField(labelTag);
                    }
                }
                in.popLimit(limit);
                totalLabels++;
                if (labelCount < MAX_LABELS) {
                    call.names[labelCount] = name;
                    call.values[labelCount] = value;
                    labelCount++;
                }
            } else if (tag == TAG_SAMPLE) {
                int size = in.readRawVarint32();
                int limit = in.pushLimit(size);
                double value = 0;
                long timestamp = 0;
                while (true) {
                    int sampleTag = in.readTag();
                    if (sampleTag == 0) {
                        break;
                    }
                    if (sampleTag == TAG_SAMPLE_VALUE) {
                        value = in.readDouble();
                    } else if (sampleTag == TAG_SAMPLE_TIMESTAMP) {
                        timestamp = in.readInt64();
                    } else {
                        int field = WireFormat.getTagFieldNumber(sampleTag);
                        if (field == 1 || field == 2) {
                            throw new InvalidProtocolBufferException("field Sample." + (field == 1 ? "value (1)" : "timestamp (2)")
                                    + " has wire type " + WireFormat.getTagWireType(sampleTag) + ", expected "
                                    + (field == 1 ? "1 (64-bit double)" : "0 (varint int64)"));
                        }
                        in.skipField(sampleTag);
                    }
                }
                in.popLimit(limit);
                if (sampleCount == call.timestamps.length) {
                    call.timestamps = java.util.Arrays.copyOf(call.timestamps, sampleCount * 2);
                    call.sampleValues = java.util.Arrays.copyOf(call.sampleValues, sampleCount * 2);
                }
                call.timestamps[sampleCount] = timestamp;
                call.sampleValues[sampleCount] = value;
                sampleCount++;
            } else {
                expectWireType(tag, 1, "TimeSeries.labels");
                expectWireType(tag, 2, "TimeSeries.samples");
                // exemplars (3), histograms (4) and anything newer
                in.skipField(tag);
            }
        }
        if (totalLabels > MAX_LABELS) {
            labelProblem = "has " + totalLabels + " labels, more than the limit of " + MAX_LABELS;
        }
        String metricName = null;
        Map<String, String> labels = new HashMap<>(labelCount * 2);
        if (labelProblem == null) {
            for (int i = 0; i < labelCount && labelProblem == null; i++) {
                labelProblem = checkLabel(call.names[i], call.values[i]);
                if (labelProblem != null) {
                    break;
                }
                String name = call.string(call.names[i]);
                String value = call.string(call.values[i]);
                if (METRIC_NAME_LABEL.equals(name)) {
                    if (metricName != null) {
                        labelProblem = "label __name__ appears more than once";
                    } else if (!validMetricName(value)) {
                        labelProblem = "metric name (__name__) \"" + clip(value) + "\" is not valid ([a-zA-Z_:][a-zA-Z0-9_:]*)";
                    } else {
                        metricName = value;
                    }
                } else if (labels.put(name, value) != null) {
                    labelProblem = "label \"" + name + "\" appears more than once";
                }
            }
            if (labelProblem == null && metricName == null) {
                labelProblem = labelCount == 0 ? "has no labels; a series needs at least __name__"
                        : "has no __name__ label (the metric name)";
            }
        }
        MetricSample.Labels shared = null;
        if (labelProblem == null) {
            // Validated once per series and shared by its samples, which then skip the label checks.
            try {
                shared = MetricSample.Labels.of(labels);
            } catch (InvalidFieldException e) {
                labelProblem = e.getMessage();
            }
        }
        if (labelProblem != null) {
            call.invalidSeries++;
            call.rejectedSamples += sampleCount;
            call.error("series " + call.series + " " + describe(call, labelCount) + ": " + labelProblem
                    + "; its " + sampleCount + " sample(s) were not stored");
            return;
        }
        for (int i = 0; i < sampleCount; i++) {
            long millis = call.timestamps[i];
            if (millis <= 0 || millis > MAX_TIMESTAMP_MS) {
                call.rejectedSamples++;
                call.error("series " + call.series + " " + describe(call, labelCount) + ": sample " + (i + 1) + " has timestamp "
                        + millis + " ms, outside 1970-01-01T00:00:00.001Z..2262-04-11 (timestamps are milliseconds since the epoch)");
                continue;
            }
            try {
                call.samples.add(new MetricSample(metricName, shared, millis * 1_000_000L, call.sampleValues[i]));
            } catch (InvalidFieldException e) {
                call.rejectedSamples++;
                call.error("series " + call.series + " " + describe(call, labelCount) + ": sample " + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    /** Null when the label is acceptable, else what is wrong with it. */
    private static String checkLabel(ByteString name, ByteString value) {
        if (name.isEmpty()) {
            return "a label has an empty name";
        }
        if (name.size() > MAX_NAME_LENGTH) {
            return "label name is longer than the limit of " + MAX_NAME_LENGTH + " characters";
        }
        if (!validLabelName(name)) {
            return "label name \"" + clip(name.toStringUtf8()) + "\" is not valid ([a-zA-Z_][a-zA-Z0-9_]*)";
        }
        if (value.isEmpty()) {
            return "label \"" + name.toStringUtf8() + "\" has an empty value (omit the label instead)";
        }
        if (value.size() > MAX_LABEL_VALUE_BYTES) {
            return "value of label \"" + name.toStringUtf8() + "\" is " + value.size() + " bytes, more than the limit of "
                    + MAX_LABEL_VALUE_BYTES + " bytes";
        }
        if (!value.isValidUtf8()) {
            return "value of label \"" + name.toStringUtf8() + "\" is not valid UTF-8";
        }
        return null;
    }

    static boolean validLabelName(ByteString name) {
        int size = name.size();
        for (int i = 0; i < size; i++) {
            int c = name.byteAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return size > 0;
    }

    static boolean validMetricName(String name) {
        int size = name.length();
        for (int i = 0; i < size; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return size > 0 && size <= MAX_NAME_LENGTH;
    }

    /** The series as {@code {__name__="up", job="node"}}, clipped, for error messages. */
    private static String describe(Call call, int labelCount) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < labelCount; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(clip(call.names[i].toStringUtf8())).append("=\"").append(clip(call.values[i].toStringUtf8())).append('"');
            if (out.length() > 300) {
                out.append(", ...");
                break;
            }
        }
        return out.append('}').toString();
    }

    private static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
