package dev.vigil.rca.nezha;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A Nezha-layout directory: {@code rca_data/<date>/} with the fault list, {@code log/HH_MM_log.csv.gz},
 * {@code trace/HH_MM_trace.csv.gz} and {@code metric/<pod>_metric.csv.gz}; {@code construct_data/<date>/}
 * with the same layout for a fault-free period; {@code root_cause_ts.json} with the finer cause per
 * service and fault type.
 *
 * <p>Time. Event timestamps ({@code TimeUnixNano}, {@code StartTimeUnixNano}, the metric
 * {@code TimeStamp}) are epoch values and agree with each other. A file labelled {@code HH_MM}
 * holds the minute that ends a few seconds after {@code HH:MM} in the clock of the labels, and the
 * fault list's {@code inject_time} is written in that same clock: a fault at 08:43:04 comes with
 * the files 08_43, 08_44 and 08_45. The clock's offset from UTC is not assumed but measured: the
 * label of the first log file against the newest event in it (rounded to a quarter hour). In the
 * published data the labels are UTC while the applications log in UTC+8. The list's
 * {@code inject_timestamp} is not used: for the morning faults it is {@code inject_time} read as
 * UTC+8 plus 60 s, for the afternoon ones {@code inject_time} read as UTC, and one fault repeats
 * the previous fault's value; {@code inject_time} agrees with the data files in every case.
 *
 * <p>Immutable and thread-safe.
 */
public final class NezhaLayout {
    /** Minute files that make up one fault case: the injection minute and the two after it. */
    public static final int CASE_MINUTES = 3;
    private static final DateTimeFormatter INJECT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path root;

    public NezhaLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The dates with a fault list, oldest first. */
    public List<String> dates() throws IOException {
        Path data = root.resolve("rca_data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(data)) {
            return dirs.filter(d -> Files.isRegularFile(faultList(d.getFileName().toString())))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    public Path faultList(String date) {
        return root.resolve("rca_data").resolve(date).resolve(date + "-fault_list.json");
    }

    public Path rcaDir(String date) {
        return root.resolve("rca_data").resolve(date);
    }

    public Path constructDir(String date) {
        return root.resolve("construct_data").resolve(date);
    }

    public Path rootCauses() {
        return root.resolve("root_cause_ts.json");
    }

    static Path logFile(Path dateDir, LocalTime minute) {
        return dateDir.resolve("log").resolve(label(minute) + "_log.csv.gz");
    }

    static Path traceFile(Path dateDir, LocalTime minute) {
        return dateDir.resolve("trace").resolve(label(minute) + "_trace.csv.gz");
    }

    static String label(LocalTime minute) {
        return String.format("%02d_%02d", minute.getHour(), minute.getMinute());
    }

    /** The service of a pod: its name without the last two dash-separated parts. */
    public static String serviceOf(String pod) {
        int last = pod.lastIndexOf('-');
        int second = last <= 0 ? -1 : pod.lastIndexOf('-', last - 1);
        return second <= 0 ? pod : pod.substring(0, second);
    }

    /** The faults of a date, in list order (hour keys ascending, then as listed). */
    public List<NezhaFault> faults(String date) throws IOException {
        Map<String, List<NezhaFault>> byHour = new TreeMap<>();
        try (InputStream in = Files.newInputStream(faultList(date));
             JsonParser parser = new JsonFactory().createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String hour = parser.currentName();
                expect(parser.nextToken(), JsonToken.START_ARRAY, parser);
                List<NezhaFault> faults = byHour.computeIfAbsent(hour, h -> new ArrayList<>());
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> fields = new HashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        fields.put(name, parser.getValueAsString());
                    }
                    String ts = fields.getOrDefault("inject_timestamp", "0");
                    faults.add(new NezhaFault(required(fields, "inject_time", date), ts.isBlank() ? 0 : Long.parseLong(ts.trim()),
                            required(fields, "inject_pod", date), required(fields, "inject_type", date)));
                }
            }
        }
        List<NezhaFault> out = new ArrayList<>();
        byHour.values().forEach(out::addAll);
        return out;
    }

    private String required(Map<String, String> fields, String name, String date) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(faultList(date) + ": a fault has no '" + name + "'");
        }
        return value.trim();
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser parser) throws IOException {
        if (actual != expected) {
            throw new IOException("fault list: expected " + expected + " at " + parser.currentLocation() + ", found " + actual);
        }
    }

    /**
     * The offset of the label clock from UTC, measured on the first log file of {@code dateDir}:
     * the file's label read as UTC minus its newest event, rounded to a quarter hour.
     */
    static ZoneOffset labelClock(Path dateDir, String date) throws IOException {
        Path logs = dateDir.resolve("log");
        Path first;
        try (Stream<Path> files = Files.list(logs)) {
            first = files.filter(f -> f.getFileName().toString().matches("\\d\\d_\\d\\d_log\\.csv(\\.gz)?")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no HH_MM_log.csv.gz file in " + logs + " to measure the clock on"));
        }
        String name = first.getFileName().toString();
        LocalTime minute = LocalTime.of(Integer.parseInt(name.substring(0, 2)), Integer.parseInt(name.substring(3, 5)));
        long labelSeconds = LocalDateTime.of(LocalDate.parse(date), minute).toEpochSecond(ZoneOffset.UTC);
        long newest = Long.MIN_VALUE;
        try (CsvLines csv = new CsvLines(first)) {
            int column = csv.column("TimeUnixNano");
            if (column < 0) {
                throw new IOException(first + " has no TimeUnixNano column");
            }
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                if (row.size() > column && !row.get(column).isEmpty()) {
                    newest = Math.max(newest, Long.parseLong(row.get(column)) / 1_000_000_000L);
                }
            }
        }
        if (newest == Long.MIN_VALUE) {
            throw new IOException(first + " holds no event to measure the clock on");
        }
        long quarters = Math.round((labelSeconds - newest) / 900.0);
        return ZoneOffset.ofTotalSeconds((int) (quarters * 900));
    }

    /** The injection instant in epoch nanoseconds, {@code inject_time} read in the label clock. */
    static long injectNanos(NezhaFault fault, ZoneOffset clock) {
        return LocalDateTime.parse(fault.injectTime(), INJECT_TIME).toEpochSecond(clock) * 1_000_000_000L;
    }

    /** The label minutes of a fault's case files. */
    static List<LocalTime> caseMinutes(NezhaFault fault) {
        LocalTime start = LocalDateTime.parse(fault.injectTime(), INJECT_TIME).toLocalTime().withSecond(0);
        List<LocalTime> out = new ArrayList<>();
        for (int i = 0; i < CASE_MINUTES; i++) {
            out.add(start.plus(Duration.ofMinutes(i)));
        }
        return out;
    }

    /** Every file of a construct (fault-free) directory's {@code log} or {@code trace} folder. */
    static List<Path> files(Path dir, String kind) throws IOException {
        Path folder = dir.resolve(kind);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith("_" + kind + ".csv.gz")).sorted().toList();
        }
    }

    /** Pod metric files of a date directory by pod name ({@code <pod>_metric.csv.gz}). */
    static Map<String, Path> metricFiles(Path dateDir) throws IOException {
        Path folder = dateDir.resolve("metric");
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith("_metric.csv.gz")) {
                    out.put(name.substring(0, name.length() - "_metric.csv.gz".length()), f);
                }
            });
        }
        return out;
    }
}
