package dev.vigil.reports.schedule;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stored reports under one directory ({@code DATA_DIR/reports}):
 * <pre>
 * reports/index.md                       a table of every report, newest first, with links
 * reports/daily-2026-11-02/report.properties   cadence, period, generation time
 * reports/daily-2026-11-02/health-report.md, health-report.pdf, health-report-charts/*.png
 * </pre>
 * A report is written into a hidden temporary directory and renamed into place with its
 * {@code report.properties}, so a listed report is always complete. {@link #isValidId} and
 * {@link #isValidFile} are the gate between request paths and the file system: anything they
 * refuse never reaches a path, and what they pass is resolved and checked to stay inside the
 * report's directory (symbolic links included). Thread-safe: writes are serialised; reads see
 * whole reports only.
 */
public final class ReportStore {
    public static final String METADATA_FILE = "report.properties";
    public static final String INDEX_FILE = "index.md";
    private static final Pattern ID = Pattern.compile("(daily|weekly)-[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** One or two path segments of lower-case letters, digits and dashes with an extension: no dots elsewhere, no '..'. */
    private static final Pattern FILE = Pattern.compile("([a-z0-9][a-z0-9-]{0,63}/)?[a-z0-9][a-z0-9-]{0,63}\\.(md|pdf|png)");

    private final Path root;

    public ReportStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** True when {@code id} has the shape of a stored report's id (it may still be unknown). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** True when {@code file} has the shape of a report file name such as {@code health-report-charts/error-rate.png}. */
    public static boolean isValidFile(String file) {
        return file != null && FILE.matcher(file).matches();
    }

    /** Every complete report, newest period first. */
    public List<StoredReport> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<StoredReport> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (isValidId(name)) {
                    read(dir).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(StoredReport::from).reversed().thenComparing(StoredReport::id));
        return out;
    }

    /** The report with this id; empty for unknown and malformed ids alike. */
    public Optional<StoredReport> find(String id) {
        return isValidId(id) ? read(root.resolve(id)) : Optional.empty();
    }

    /**
     * The path of one file of a report; empty when the id or name is malformed, the report or file
     * does not exist, or the path would leave the report's directory.
     */
    public Optional<Path> file(String id, String name) {
        if (!isValidId(id) || !isValidFile(name) || name.equals(METADATA_FILE)) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file) || read(dir).isEmpty()) {
            return Optional.empty();
        }
        try {
            // A symbolic link inside the directory must not lead out of it.
            if (!file.toRealPath().startsWith(dir.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Writes the files of a report into a directory; it must only write inside the directory given. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path dir) throws IOException;
    }

    /** Stores a report under {@code id}, replacing one with the same id, and rewrites the index. */
    public synchronized StoredReport save(String id, ReportCadence cadence, Instant from, Instant to, Instant generatedAt,
                                          Contents contents) throws IOException {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid report id '" + id + "'");
        }
        Files.createDirectories(root);
        Path tmp = Files.createTempDirectory(root, "." + id + "-");
        try {
            contents.writeTo(tmp);
            Properties meta = new Properties();
            meta.setProperty("cadence", cadence.label());
            meta.setProperty("from", from.toString());
            meta.setProperty("to", to.toString());
            meta.setProperty("generated", generatedAt.toString());
            try (Writer writer = Files.newBufferedWriter(tmp.resolve(METADATA_FILE), StandardCharsets.UTF_8)) {
                meta.store(writer, "Vigil stored report");
            }
            Path target = root.resolve(id);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        writeIndex();
        return find(id).orElseThrow();
    }

    /** Deletes all but the newest {@code keep} reports of a cadence; returns the ids deleted. */
    public synchronized List<String> retain(ReportCadence cadence, int keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        int kept = 0;
        for (StoredReport report : list()) {
            if (report.cadence() != cadence) {
                continue;
            }
            if (kept < keep) {
                kept++;
            } else {
                deleteTree(root.resolve(report.id()));
                deleted.add(report.id());
            }
        }
        if (!deleted.isEmpty()) {
            writeIndex();
        }
        return deleted;
    }

    private void writeIndex() throws IOException {
        StringBuilder md = new StringBuilder("# Stored reports\n\nNewest first; kept by Vigil's report schedule.\n\n");
        md.append("| Report | Cadence | Period (UTC) | Generated | Files |\n|---|---|---|---|---|\n");
        for (StoredReport r : list()) {
            md.append("| ").append(r.id()).append(" | ").append(r.cadence().label()).append(" | ").append(r.from()).append(" to ")
                    .append(r.to()).append(" | ").append(r.generatedAt()).append(" | ");
            List<String> links = new ArrayList<>();
            for (String f : r.files()) {
                if (!f.contains("/")) {
                    links.add("[" + f + "](" + r.id() + "/" + f + ")");
                }
            }
            md.append(String.join(", ", links)).append(" |\n");
        }
        Path tmp = Files.createTempFile(root, "." + INDEX_FILE, ".tmp");
        try {
            Files.writeString(tmp, md, StandardCharsets.UTF_8);
            Files.move(tmp, root.resolve(INDEX_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Optional<StoredReport> read(Path dir) {
        Path meta = dir.resolve(METADATA_FILE);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(reader);
            List<String> files = new ArrayList<>();
            try (Stream<Path> all = Files.walk(dir, 2)) {
                all.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                        .filter(ReportStore::isValidFile).sorted().forEach(files::add);
            }
            return Optional.of(new StoredReport(dir.getFileName().toString(), ReportCadence.parse(p.getProperty("cadence", "")),
                    Instant.parse(p.getProperty("from")), Instant.parse(p.getProperty("to")), Instant.parse(p.getProperty("generated")),
                    files));
        } catch (IOException | RuntimeException e) {
            // A damaged metadata file hides that one report; the others stay listed.
            return Optional.empty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
