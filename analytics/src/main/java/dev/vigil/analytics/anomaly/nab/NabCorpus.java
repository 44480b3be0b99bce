package dev.vigil.analytics.anomaly.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a directory in NAB's layout: {@code data/<category>/<file>.csv} ({@code timestamp,value})
 * and {@code labels/combined_windows.json} (windows per {@code category/file} as
 * {@code [start, end]} timestamps). A file without an entry in the labels has no windows.
 * Errors are {@link IllegalArgumentException}s that name the file, line and fix.
 */
public final class NabCorpus {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private NabCorpus() {
    }

    /** Loads every series under {@code root/data}, sorted by category and file name. */
    public static List<NabSeries> load(Path root) {
        Path data = root.resolve("data");
        Path labels = root.resolve("labels").resolve("combined_windows.json");
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(root + " has no data/ folder: pass the NAB root, the folder holding data/ and labels/"
                    + " (e.g. ../shared/bench-data/nab)");
        }
        if (!Files.isReadable(labels)) {
            throw new IllegalArgumentException(root + " has no labels/combined_windows.json: copy NAB's labels folder next to data/");
        }
        Map<String, List<LocalDateTime[]>> windows = readWindows(labels);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data, 2)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv")
                    && p.getParent().getParent().equals(data)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(data + " holds no <category>/<file>.csv: NAB's layout is data/<category>/<file>.csv");
        }
        List<NabSeries> out = new ArrayList<>();
        for (Path file : files) {
            String category = file.getParent().getFileName().toString();
            String name = file.getFileName().toString();
            out.add(readSeries(file, category, name, windows.getOrDefault(category + "/" + name, List.of())));
        }
        return out;
    }

    static NabSeries readSeries(Path file, String category, String name, List<LocalDateTime[]> spans) {
        List<String> stamps = new ArrayList<>();
        List<LocalDateTime> times = new ArrayList<>();
        double[] values = new double[1024];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.trim().startsWith("timestamp")) {
                throw new IllegalArgumentException(file + " line 1: expected the header timestamp,value");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected timestamp,value");
                }
                String stamp = line.substring(0, comma).trim();
                try {
                    times.add(parseTime(stamp));
                    double v = Double.parseDouble(line.substring(comma + 1).trim());
                    if (n == values.length) {
                        values = java.util.Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = v;
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected 'yyyy-MM-dd HH:mm:ss,<number>', got '"
                            + line + "'");
                }
                stamps.add(stamp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<NabSeries.Window> rows = new ArrayList<>();
        for (LocalDateTime[] span : spans) {
            int left = -1;
            int right = -1;
            for (int i = 0; i < times.size(); i++) {
                LocalDateTime t = times.get(i);
                if (!t.isBefore(span[0]) && !t.isAfter(span[1])) {
                    if (left < 0) {
                        left = i;
                    }
                    right = i;
                }
            }
            if (left >= 0) {
                rows.add(new NabSeries.Window(left, right));
            }
        }
        return new NabSeries(category, name, List.copyOf(stamps), java.util.Arrays.copyOf(values, n), List.copyOf(rows));
    }

    static LocalDateTime parseTime(String text) {
        return LocalDateTime.parse(text.trim(), TIME);
    }

    /** {@code {"category/file.csv": [[start, end], ...], ...}}. */
    static Map<String, List<LocalDateTime[]>> readWindows(Path labels) {
        Map<String, List<LocalDateTime[]>> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(labels.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, labels);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                expect(p.nextToken(), JsonToken.START_ARRAY, labels);
                List<LocalDateTime[]> spans = new ArrayList<>();
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    expect(p.nextToken(), JsonToken.VALUE_STRING, labels);
                    LocalDateTime start = parseTime(p.getText());
                    expect(p.nextToken(), JsonToken.VALUE_STRING, labels);
                    LocalDateTime end = parseTime(p.getText());
                    expect(p.nextToken(), JsonToken.END_ARRAY, labels);
                    spans.add(new LocalDateTime[] {start, end});
                }
                out.put(key, spans);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(labels + " is not valid JSON: " + e.getMessage());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(labels + ": window bound '" + e.getParsedString()
                    + "' is not 'yyyy-MM-dd HH:mm:ss[.ffffff]'");
        }
        return out;
    }

    private static void expect(JsonToken got, JsonToken want, Path labels) {
        if (got != want) {
            throw new IllegalArgumentException(labels + ": expected " + want + " but found " + got
                    + "; the file must map \"category/file.csv\" to a list of [start, end] pairs");
        }
    }
}
