package dev.vigil.ingest.loki;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.codec.JsonProblems;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import org.xerial.snappy.Snappy;

/**
 * Decodes Loki push bodies into log events.
 *
 * <h2>JSON</h2>
 * {@code {"streams":[{"stream":{"app":"api"},"values":[["1700000000000000000","line"],["…","line",{"trace_id":"abc"}]]}]}}:
 * the timestamp is a string of digits (Unix nanoseconds; a JSON number is refused, as by Loki), the
 * optional third element is structured metadata (an object of strings). Unknown keys are ignored.
 *
 * <h2>Protobuf</h2>
 * A snappy <em>block</em>-compressed {@code logproto.PushRequest}: streams (1) with a label string (1)
 * parsed by {@link LokiLabels}, entries (2) of {@code google.protobuf.Timestamp} (1), line (2) and
 * structured metadata pairs (3); the stream hash (3), the request format (2), parsed labels (4) and
 * unknown fields are skipped. Strings must be valid UTF-8.
 *
 * <h2>Mapping</h2>
 * Every entry becomes a {@link dev.vigil.ingest.model.LogEvent}: service from the label
 * {@code service_name}, else {@code service}, {@code app}, {@code job}; host from {@code host},
 * {@code hostname} or {@code instance}; level from the label (else the structured metadata)
 * {@code level}, {@code severity} or {@code detected_level} (unknown words and absence mean INFO);
 * message = the line; attributes = all labels, then the structured metadata (which wins on a clash),
 * then {@code tenant} from {@code X-Scope-OrgID}.
 *
 * <h2>Limits</h2>
 * From the {@link IngestLimits} given to the constructor (settings; by default
 * {@value #MAX_LABELS} labels per stream, label values of {@value #MAX_LABEL_VALUE} characters and
 * lines of {@value #MAX_LINE} characters), and fixed: label names of {@value #MAX_LABEL_NAME}
 * characters, {@value #MAX_METADATA} structured metadata pairs per line with values of
 * {@value #MAX_METADATA_VALUE} characters, and a decompressed protobuf of at most the body limit
 * given to the constructor.
 *
 * <p>A request with any error yields no events. Thread-safe.
 */
public final class LokiPushDecoder {
    /** Default of {@link IngestLimits#labels()}. */
    public static final int MAX_LABELS = IngestLimits.DEFAULT_LABELS;
    public static final int MAX_LABEL_NAME = 256;
    /** Default of {@link IngestLimits#labelValueLength()}. */
    public static final int MAX_LABEL_VALUE = IngestLimits.DEFAULT_LABEL_VALUE_LENGTH;
    public static final int MAX_METADATA = 128;
    public static final int MAX_METADATA_VALUE = 65_536;
    /** Default of {@link IngestLimits#lineLength()}. */
    public static final int MAX_LINE = IngestLimits.DEFAULT_LINE_LENGTH;
    public static final int MAX_TENANT = 150;

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final byte[] FRAMED_SNAPPY = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private final long maxDecompressedBytes;
    private final IngestLimits limits;

    /** @param maxDecompressedBytes the largest protobuf a snappy body may expand to (the body limit) */
    public LokiPushDecoder(long maxDecompressedBytes) {
        this(maxDecompressedBytes, IngestLimits.defaults());
    }

    /**
     * @param maxDecompressedBytes the largest protobuf a snappy body may expand to (the body limit)
     * @param limits               line length, labels per stream and label value length
     */
    public LokiPushDecoder(long maxDecompressedBytes, IngestLimits limits) {
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive");
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.limits = limits;
    }

    // ---------------------------------------------------------------------------------- JSON

    /** Where a syntax error happened. */
    private static final class Cursor {
        int stream = -1;
        int entry = -1;
    }

    public LokiDecoded json(byte[] body, String tenant) {
        LokiEntries out = new LokiEntries(tenant, limits);
        Cursor at = new Cursor();
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken token = p.nextToken();
            if (token != JsonToken.START_OBJECT) {
                out.error(-1, -1, "body", token == null ? "is empty; expected {\"streams\":[...]}"
                        : "must be a JSON object {\"streams\":[...]}, got " + JsonProblems.describe(token));
                return out.result();
            }
            boolean sawStreams = false;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                token = p.nextToken();
                if ("streams".equals(name)) {
                    sawStreams = true;
                    jsonStreams(p, token, out, at);
                } else {
                    p.skipChildren();
                }
            }
            at.stream = -1;
            at.entry = -1;
            if (p.nextToken() != null) {
                out.error(-1, -1, "body", "unexpected content after the JSON object");
            } else if (!sawStreams) {
                out.error(-1, -1, "streams", "is required: {\"streams\":[{\"stream\":{...},\"values\":[[\"<unix ns>\",\"<line>\"]]}]}");
            }
        } catch (JsonProcessingException e) {
            out.error(at.stream, at.entry, "body", JsonProblems.malformed(e));
        } catch (IOException e) {
            out.error(-1, -1, "body", "unreadable: " + e.getMessage());
        }
        return out.result();
    }

    private void jsonStreams(JsonParser p, JsonToken token, LokiEntries out, Cursor at) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            out.error(-1, -1, "streams", "must be an array, got " + JsonProblems.describe(token));
            p.skipChildren();
            return;
        }
        int stream = 0;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            at.stream = stream;
            at.entry = -1;
            if (token != JsonToken.START_OBJECT) {
                out.error(stream, -1, "stream", "each element of streams must be an object {\"stream\":{...},\"values\":[...]}, got "
                        + JsonProblems.describe(token));
                p.skipChildren();
            } else {
                jsonStream(p, stream, out, at);
            }
            stream++;
        }
    }

    private void jsonStream(JsonParser p, int stream, LokiEntries out, Cursor at) throws IOException {
        Map<String, String> labels = null;
        boolean labelsOk = true;
        List<LokiEntries.Raw> raws = null;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            token = p.nextToken();
            switch (name) {
                case "stream" -> {
                    if (token != JsonToken.START_OBJECT) {
                        out.error(stream, -1, "stream", "must be an object of label names to string values, got " + JsonProblems.describe(token));
                        p.skipChildren();
                        labelsOk = false;
                        break;
                    }
                    labels = new LinkedHashMap<>();
                    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String label = p.currentName();
                        token = p.nextToken();
                        if (token != JsonToken.VALUE_STRING) {
                            out.error(stream, -1, "stream." + LokiEntries.clip(label), "label values must be strings, got " + JsonProblems.describe(token));
                            p.skipChildren();
                            labelsOk = false;
                        } else if (labels.put(label, p.getText()) != null) {
                            out.error(stream, -1, "stream." + LokiEntries.clip(label), "label is given twice");
                            labelsOk = false;
                        }
                    }
                }
                case "values" -> raws = jsonValues(p, token, stream, out, at);
                default -> p.skipChildren();
            }
        }
        at.entry = -1;
        if (labels == null && labelsOk) {
            out.error(stream, -1, "stream", "is required: the stream's labels, e.g. {\"app\":\"api\"}");
            labelsOk = false;
        }
        if (raws == null) {
            out.error(stream, -1, "values", "is required: [[\"<unix ns>\",\"<line>\"], ...]");
            return;
        }
        if (labelsOk && out.checkLabels(stream, labels)) {
            out.stream(stream, labels, raws);
        }
    }

    private List<LokiEntries.Raw> jsonValues(JsonParser p, JsonToken token, int stream, LokiEntries out, Cursor at) throws IOException {
        List<LokiEntries.Raw> raws = new ArrayList<>();
        if (token != JsonToken.START_ARRAY) {
            out.error(stream, -1, "values", "must be an array of [\"<unix ns>\",\"<line>\"] arrays, got " + JsonProblems.describe(token));
            p.skipChildren();
            return raws;
        }
        int entry = 0;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            at.entry = entry;
            out.countEntry();
            if (token != JsonToken.START_ARRAY) {
                out.error(stream, entry, "values", "each value must be an array [\"<unix ns>\",\"<line>\"], got " + JsonProblems.describe(token));
                p.skipChildren();
                entry++;
                continue;
            }
            long nanos = 0;
            String line = null;
            Map<String, String> metadata = Map.of();
            int element = 0;
            boolean ok = true;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                switch (element) {
                    case 0 -> {
                        if (token != JsonToken.VALUE_STRING) {
                            out.error(stream, entry, "timestamp", "must be a string of digits (Unix epoch in nanoseconds), got " + JsonProblems.describe(token));
                            ok = false;
                            p.skipChildren();
                        } else {
                            nanos = timestamp(p.getText(), stream, entry, out);
                            ok &= nanos > 0;
                        }
                    }
                    case 1 -> {
                        if (token != JsonToken.VALUE_STRING) {
                            out.error(stream, entry, "line", "must be a string, got " + JsonProblems.describe(token));
                            ok = false;
                            p.skipChildren();
                        } else {
                            line = p.getText();
                        }
                    }
                    case 2 -> {
                        if (token != JsonToken.START_OBJECT) {
                            out.error(stream, entry, "structuredMetadata", "must be an object of string values, got " + JsonProblems.describe(token));
                            ok = false;
                            p.skipChildren();
                        } else {
                            metadata = LokiEntries.newMetadata();
                            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                                String key = p.currentName();
                                token = p.nextToken();
                                if (token != JsonToken.VALUE_STRING) {
                                    out.error(stream, entry, "structuredMetadata." + LokiEntries.clip(key), "must be a string, got " + JsonProblems.describe(token));
                                    ok = false;
                                    p.skipChildren();
                                } else {
                                    metadata.put(key, p.getText());
                                }
                            }
                        }
                    }
                    default -> {
                        if (element == 3) {
                            out.error(stream, entry, "values", "an entry has at most 3 elements: timestamp, line, structured metadata");
                            ok = false;
                        }
                        p.skipChildren();
                    }
                }
                element++;
            }
            if (element < 2) {
                out.error(stream, entry, element == 0 ? "timestamp" : "line", "is missing: each value is [\"<unix ns>\",\"<line>\"]");
            } else if (ok) {
                raws.add(new LokiEntries.Raw(entry, nanos, line, metadata));
            }
            entry++;
        }
        return raws;
    }

    private static long timestamp(String text, int stream, int entry, LokiEntries out) {
        boolean digits = !text.isEmpty() && text.length() <= 19;
        for (int i = 0; digits && i < text.length(); i++) {
            char c = text.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (!digits) {
            out.error(stream, entry, "timestamp", "'" + LokiEntries.clip(text) + "' is not a Unix epoch in nanoseconds (a string of at most 19 digits)");
            return 0;
        }
        long nanos;
        try {
            nanos = Long.parseLong(text);
        } catch (NumberFormatException e) {
            out.error(stream, entry, "timestamp", "'" + text + "' is too large for a Unix epoch in nanoseconds");
            return 0;
        }
        if (nanos <= 0) {
            out.error(stream, entry, "timestamp", "must be after 1970-01-01T00:00:00Z");
            return 0;
        }
        return nanos;
    }

    // ------------------------------------------------------------------------------ protobuf

    /** A protobuf problem that ends decoding; names the field as push.proto does. */
    private static final class Bad extends Exception {
        final String field;

        Bad(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** Decodes a snappy block-compressed {@code logproto.PushRequest}. */
    public LokiDecoded protobuf(byte[] body, String tenant) {
        LokiEntries out = new LokiEntries(tenant, limits);
        if (body.length == 0) {
            out.error(-1, -1, "body", "is empty; expected a snappy-compressed logproto.PushRequest");
            return out.result();
        }
        if (startsWith(body, FRAMED_SNAPPY)) {
            out.error(-1, -1, "body", "is in the snappy framing (stream) format; Loki expects snappy block format");
            return out.result();
        }
        byte[] proto;
        try {
            if (!Snappy.isValidCompressedBuffer(body)) {
                out.error(-1, -1, "body", "is not valid snappy block-compressed data (protobuf pushes must be snappy-compressed)");
                return out.result();
            }
            long size = Snappy.uncompressedLength(body);
            if (size > maxDecompressedBytes) {
                throw new LokiBodyTooLargeException(size, maxDecompressedBytes);
            }
            proto = Snappy.uncompress(body);
        } catch (IOException e) {
            out.error(-1, -1, "body", "is not valid snappy block-compressed data: " + e.getMessage());
            return out.result();
        }
        return protobufUncompressed(proto, out);
    }

    /** Decodes an uncompressed {@code logproto.PushRequest} (what the snappy body holds). */
    public LokiDecoded protobufUncompressed(byte[] proto, String tenant) {
        return protobufUncompressed(proto, new LokiEntries(tenant, limits));
    }

    private LokiDecoded protobufUncompressed(byte[] proto, LokiEntries out) {
        Cursor at = new Cursor();
        CodedInputStream in = CodedInputStream.newInstance(proto);
        try {
            int stream = 0;
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    expectLengthDelimited(tag, "streams");
                    at.stream = stream;
                    at.entry = -1;
                    int limit = in.pushLimit(length(in));
                    protoStream(in, stream, out, at);
                    in.popLimit(limit);
                    stream++;
                } else {
                    in.skipField(tag);
                }
            }
        } catch (Bad bad) {
            out.error(at.stream, at.entry, bad.field, bad.getMessage());
        } catch (InvalidProtocolBufferException e) {
            out.error(at.stream, at.entry, "body", "malformed protobuf: " + e.getMessage());
        } catch (IOException e) {
            out.error(at.stream, at.entry, "body", "unreadable protobuf: " + e.getMessage());
        }
        return out.result();
    }

    private void protoStream(CodedInputStream in, int stream, LokiEntries out, Cursor at) throws IOException, Bad {
        String labelText = null;
        List<LokiEntries.Raw> raws = new ArrayList<>();
        int entry = 0;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expectLengthDelimited(tag, "labels");
                    labelText = string(in, "labels");
                }
                case 2 -> {
                    expectLengthDelimited(tag, "entries");
                    at.entry = entry;
                    out.countEntry();
                    int limit = in.pushLimit(length(in));
                    LokiEntries.Raw raw = protoEntry(in, stream, entry, out);
                    in.popLimit(limit);
                    if (raw != null) {
                        raws.add(raw);
                    }
                    at.entry = -1;
                    entry++;
                }
                default -> in.skipField(tag);
            }
        }
        if (labelText == null) {
            out.error(stream, -1, "labels", "is required: the stream's labels as {name=\"value\", ...}");
            return;
        }
        Map<String, String> labels;
        try {
            labels = LokiLabels.parse(labelText);
        } catch (LokiLabels.LabelSyntaxException e) {
            out.error(stream, -1, "labels", "cannot parse '" + LokiEntries.clip(labelText) + "': " + e.getMessage());
            return;
        }
        if (out.checkLabels(stream, labels)) {
            out.stream(stream, labels, raws);
        }
    }

    private LokiEntries.Raw protoEntry(CodedInputStream in, int stream, int entry, LokiEntries out) throws IOException, Bad {
        boolean sawTimestamp = false;
        long seconds = 0;
        long nanos = 0;
        String line = "";
        Map<String, String> metadata = Map.of();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expectLengthDelimited(tag, "timestamp");
                    sawTimestamp = true;
                    int limit = in.pushLimit(length(in));
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        int number = WireFormat.getTagFieldNumber(t);
                        if (number == 1 || number == 2) {
                            if (WireFormat.getTagWireType(t) != WireFormat.WIRETYPE_VARINT) {
                                throw new Bad("timestamp", (number == 1 ? "seconds" : "nanos") + " has wire type "
                                        + WireFormat.getTagWireType(t) + ", expected 0 (varint)");
                            }
                            if (number == 1) {
                                seconds = in.readInt64();
                            } else {
                                nanos = in.readInt32();
                            }
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                }
                case 2 -> {
                    expectLengthDelimited(tag, "line");
                    line = string(in, "line");
                }
                case 3 -> {
                    expectLengthDelimited(tag, "structuredMetadata");
                    if (metadata.isEmpty()) {
                        metadata = LokiEntries.newMetadata();
                    }
                    int limit = in.pushLimit(length(in));
                    String name = "";
                    String value = "";
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        int number = WireFormat.getTagFieldNumber(t);
                        if (number == 1) {
                            expectLengthDelimited(t, "structuredMetadata.name");
                            name = string(in, "structuredMetadata.name");
                        } else if (number == 2) {
                            expectLengthDelimited(t, "structuredMetadata.value");
                            value = string(in, "structuredMetadata.value");
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    metadata.put(name, value);
                }
                default -> in.skipField(tag);
            }
        }
        if (!sawTimestamp) {
            out.error(stream, entry, "timestamp", "is required");
            return null;
        }
        if (nanos < 0 || nanos > 999_999_999) {
            out.error(stream, entry, "timestamp", "nanos must be between 0 and 999999999, got " + nanos);
            return null;
        }
        long epochNanos;
        try {
            epochNanos = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            out.error(stream, entry, "timestamp", "seconds " + seconds + " is out of range");
            return null;
        }
        if (epochNanos <= 0) {
            out.error(stream, entry, "timestamp", "must be after 1970-01-01T00:00:00Z, got seconds=" + seconds + " nanos=" + nanos);
            return null;
        }
        return new LokiEntries.Raw(entry, epochNanos, line, metadata);
    }

    private static int length(CodedInputStream in) throws IOException, Bad {
        int length = in.readRawVarint32();
        if (length < 0) {
            throw new Bad("body", "malformed protobuf: negative length");
        }
        return length;
    }

    private static String string(CodedInputStream in, String field) throws IOException, Bad {
        try {
            return in.readStringRequireUtf8();
        } catch (InvalidProtocolBufferException e) {
            if (e.getMessage() != null && e.getMessage().contains("UTF-8")) {
                throw new Bad(field, "is not valid UTF-8");
            }
            throw e;
        }
    }

    private static void expectLengthDelimited(int tag, String field) throws Bad {
        int type = WireFormat.getTagWireType(tag);
        if (type != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new Bad(field, "has wire type " + type + ", expected 2 (length-delimited); is this a logproto.PushRequest?");
        }
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
}
