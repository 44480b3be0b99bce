package dev.vigil.api.receivers.promrw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;
import org.xerial.snappy.Snappy;

/**
 * Builds remote-write bodies by hand (protobuf field by field, then snappy block compression), so
 * tests control every byte: unknown fields, wrong wire types, truncation.
 */
final class WriteRequests {
    /** A label as sent (any bytes, any order, duplicates allowed). */
    record Label(String name, String value) {
    }

    /** A sample as sent. */
    record Sample(double value, long timestampMillis) {
    }

    /** A time series as sent; {@code extra} is appended verbatim inside the TimeSeries message. */
    record Series(List<Label> labels, List<Sample> samples, byte[] extra) {
        Series(List<Label> labels, List<Sample> samples) {
            this(labels, samples, new byte[0]);
        }
    }

    private WriteRequests() {
    }

    static Label label(String name, String value) {
        return new Label(name, value);
    }

    static Sample sample(double value, long timestampMillis) {
        return new Sample(value, timestampMillis);
    }

    /** A series named {@code name} with the given label pairs (name, value, name, value...). */
    static Series series(String name, List<Sample> samples, String... labelPairs) {
        List<Label> labels = new ArrayList<>();
        labels.add(label("__name__", name));
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.add(label(labelPairs[i], labelPairs[i + 1]));
        }
        return new Series(labels, samples);
    }

    /** The uncompressed WriteRequest; {@code extra} is appended at the top level (e.g. metadata). */
    static byte[] protobuf(List<Series> series, byte[] extra) {
        return write(out -> {
            for (Series one : series) {
                out.writeByteArray(1, seriesBytes(one));
            }
            out.writeRawBytes(extra);
        });
    }

    static byte[] protobuf(List<Series> series) {
        return protobuf(series, new byte[0]);
    }

    static byte[] snappy(byte[] data) {
        try {
            return Snappy.compress(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] body(List<Series> series) {
        return snappy(protobuf(series));
    }

    static byte[] seriesBytes(Series series) {
        return write(out -> {
            for (Label label : series.labels()) {
                out.writeByteArray(1, write(l -> {
                    l.writeString(1, label.name());
                    l.writeString(2, label.value());
                }));
            }
            for (Sample sample : series.samples()) {
                out.writeByteArray(2, write(s -> {
                    s.writeDouble(1, sample.value());
                    s.writeInt64(2, sample.timestampMillis());
                }));
            }
            out.writeRawBytes(series.extra());
        });
    }

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
