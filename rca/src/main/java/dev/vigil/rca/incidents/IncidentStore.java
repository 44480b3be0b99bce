package dev.vigil.rca.incidents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents on disk: one file {@code <id>.json} per incident in one directory, each written whole
 * to a temporary file, forced to disk and renamed over the old one, so a crash leaves either the
 * old or the new version and never half of one. All incidents are read at open and kept in
 * memory (an incident is a few kilobytes; thousands fit easily), so lists never touch the disk.
 *
 * <p>File names come only from ids that passed {@link IncidentIds#isValid}; a file that does not
 * parse is left alone, logged and skipped, so one damaged file cannot hide the others.
 *
 * <p>Thread-safe: writes are serialized; reads see the last completed write.
 */
public final class IncidentStore {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentStore.class);
    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".json.tmp";
    /** Newest opened first; the id breaks ties so that paging is stable. */
    static final Comparator<Incident> NEWEST_FIRST = Comparator.comparing(Incident::openedAt).reversed()
            .thenComparing(Incident::id, Comparator.reverseOrder());

    private final Path directory;
    private final Map<String, Incident> incidents = new HashMap<>();

    private IncidentStore(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the store in {@code directory} (created when missing) and reads every incident in it;
     * leftovers of interrupted writes are deleted. A null directory keeps incidents in memory only.
     */
    public static IncidentStore open(Path directory) throws IOException {
        IncidentStore store = new IncidentStore(directory);
        if (directory == null) {
            return store;
        }
        Files.createDirectories(directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    store.load(file, name.substring(0, name.length() - SUFFIX.length()));
                }
            }
        }
        return store;
    }

    /** A store that keeps incidents in memory only (tests, embedded use): nothing survives a restart. */
    public static IncidentStore inMemory() {
        return new IncidentStore(null);
    }

    private void load(Path file, String id) {
        try {
            Incident incident = IncidentCodec.read(Files.readAllBytes(file));
            if (!incident.id().equals(id)) {
                LOG.warn("incident file {} holds incident {}; skipped", file, incident.id());
                return;
            }
            incidents.put(id, incident);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("incident file {} could not be read and is skipped: {}", file, e.toString());
        }
    }

    /** The directory the files live in, or null in memory. */
    public Path directory() {
        return directory;
    }

    /** The incident with this id; empty for unknown and for malformed ids alike. */
    public synchronized Optional<Incident> get(String id) {
        return IncidentIds.isValid(id) ? Optional.ofNullable(incidents.get(id)) : Optional.empty();
    }

    /** True when no incident has this id yet. */
    synchronized boolean isFree(String id) {
        return !incidents.containsKey(id);
    }

    /** Writes {@code incident} durably (creating or replacing its file), then makes it visible. */
    public synchronized void put(Incident incident) {
        if (directory != null) {
            write(incident);
        }
        incidents.put(incident.id(), incident);
    }

    public synchronized IncidentQuery.Page list(IncidentQuery query) {
        List<Incident> matches = new ArrayList<>();
        for (Incident incident : incidents.values()) {
            if (query.matches(incident)) {
                matches.add(incident);
            }
        }
        matches.sort(NEWEST_FIRST);
        int from = Math.min(query.offset(), matches.size());
        int to = Math.min(from + query.limit(), matches.size());
        return new IncidentQuery.Page(List.copyOf(matches.subList(from, to)), matches.size());
    }

    /** Every incident, newest first. */
    public synchronized List<Incident> all() {
        List<Incident> out = new ArrayList<>(incidents.values());
        out.sort(NEWEST_FIRST);
        return out;
    }

    private void write(Incident incident) {
        Path target = directory.resolve(incident.id() + SUFFIX);
        Path temp = directory.resolve(incident.id() + TEMP_SUFFIX);
        // Belt and braces: the id pattern already rules out separators and dots.
        if (!target.getParent().equals(directory) || !temp.getParent().equals(directory)) {
            throw new IllegalArgumentException("invalid incident id '" + incident.id() + "'");
        }
        try {
            Files.write(temp, IncidentCodec.full(incident), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store incident " + incident.id() + " in " + directory, e);
        }
    }
}
