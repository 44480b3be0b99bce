package dev.vigil.rca.nezha;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) from a plain or
 * gzipped file, one record at a time. Not thread-safe; one reader per file.
 */
final class CsvLines implements Closeable {
    private final BufferedReader reader;
    private final List<String> header;
    private long record;

    CsvLines(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        List<String> first = next();
        this.header = first == null ? List.of() : List.copyOf(first);
    }

    List<String> header() {
        return header;
    }

    /** Position of a header column, or -1. */
    int column(String name) {
        return header.indexOf(name);
    }

    /** Records read so far, the header included (for error messages). */
    long recordNumber() {
        return record;
    }

    /** The next record's fields, or null at the end. */
    List<String> next() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        record++;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (!quoted) {
                break;
            }
            // A quoted field spans lines: keep the newline and read on.
            String more = reader.readLine();
            if (more == null) {
                break;
            }
            field.append('\n');
            line = more;
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
