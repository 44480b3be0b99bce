package dev.vigil.analytics.patterns.loghub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled. Stateless. */
public final class Csv {
    private Csv() {
    }

    /** All records of a file, the header first. */
    public static List<List<String>> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** All records of a CSV text; a quote opens a quoted field only at the start of a field. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean atFieldStart = true;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"' && atFieldStart) {
                quoted = true;
                atFieldStart = false;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                atFieldStart = true;
            } else if (c != '\r') {
                field.append(c);
                atFieldStart = false;
            }
        }
        if (!atFieldStart || !record.isEmpty() || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** One field as written in CSV. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
