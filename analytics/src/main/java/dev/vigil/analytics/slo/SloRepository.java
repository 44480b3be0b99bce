package dev.vigil.analytics.slo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where SLO definitions live: those of the configuration file (read once, read-only through the
 * API) and those created through the API, kept in {@code slos.yaml} under the data directory and
 * rewritten atomically (temporary file, fsync, rename) on every change, so a crash leaves the old
 * or the new set, never a torn file.
 *
 * <p>Thread-safe: changes are serialised; readers get immutable snapshots.
 */
public final class SloRepository {
    /** The file of API-created SLOs inside the directory given to {@link #open}. */
    public static final String API_FILE = "slos.yaml";

    private final Path directory;
    private final Map<String, SloDefinition> fromFile;
    private volatile Map<String, SloDefinition> fromApi;

    private SloRepository(Path directory, Map<String, SloDefinition> fromFile, Map<String, SloDefinition> fromApi) {
        this.directory = directory;
        this.fromFile = fromFile;
        this.fromApi = fromApi;
    }

    /**
     * @param directory where API-created SLOs are kept (created if missing), or null to keep them in
     *                  memory only
     * @param sloFile   the YAML configuration file, or null for none
     * @throws SloValidationException if either file holds invalid definitions, or an id is in both
     */
    public static SloRepository open(Path directory, Path sloFile) throws IOException {
        Map<String, SloDefinition> fromFile = new TreeMap<>();
        if (sloFile != null) {
            for (SloDefinition slo : SloYaml.read(Files.readString(sloFile), sloFile.toString(), SloDefinition.ORIGIN_FILE)) {
                fromFile.put(slo.id(), slo);
            }
        }
        Map<String, SloDefinition> fromApi = new TreeMap<>();
        if (directory != null) {
            Files.createDirectories(directory);
            Path file = directory.resolve(API_FILE);
            if (Files.exists(file)) {
                for (SloDefinition slo : SloYaml.read(Files.readString(file), file.toString(), SloDefinition.ORIGIN_API)) {
                    if (fromFile.containsKey(slo.id())) {
                        throw new SloValidationException(file.toString(), List.of(new SloValidationException.Problem("id", 0,
                                "'" + slo.id() + "' is also defined in " + sloFile + "; rename one of them")));
                    }
                    fromApi.put(slo.id(), slo);
                }
            }
        }
        return new SloRepository(directory, Map.copyOf(fromFile), Map.copyOf(fromApi));
    }

    /** Every SLO, ordered by id. */
    public List<SloDefinition> all() {
        Map<String, SloDefinition> all = new TreeMap<>(fromFile);
        all.putAll(fromApi);
        return List.copyOf(all.values());
    }

    public Optional<SloDefinition> get(String id) {
        SloDefinition slo = fromFile.get(id);
        return Optional.ofNullable(slo != null ? slo : fromApi.get(id));
    }

    /**
     * Creates or replaces an API SLO.
     *
     * @return true if it was new
     * @throws ReadOnlySloException if the id belongs to an SLO of the configuration file
     */
    public synchronized boolean put(SloDefinition slo) {
        if (fromFile.containsKey(slo.id())) {
            throw new ReadOnlySloException(slo.id());
        }
        Map<String, SloDefinition> next = new TreeMap<>(fromApi);
        boolean created = next.put(slo.id(), slo.withOrigin(SloDefinition.ORIGIN_API)) == null;
        persist(next);
        fromApi = Map.copyOf(next);
        return created;
    }

    /**
     * @return false if there was no such SLO
     * @throws ReadOnlySloException if the id belongs to an SLO of the configuration file
     */
    public synchronized boolean delete(String id) {
        if (fromFile.containsKey(id)) {
            throw new ReadOnlySloException(id);
        }
        if (!fromApi.containsKey(id)) {
            return false;
        }
        Map<String, SloDefinition> next = new TreeMap<>(fromApi);
        next.remove(id);
        persist(next);
        fromApi = Map.copyOf(next);
        return true;
    }

    private void persist(Map<String, SloDefinition> slos) {
        if (directory == null) {
            return;
        }
        Path file = directory.resolve(API_FILE);
        Path temp = directory.resolve(API_FILE + ".tmp");
        try {
            Files.writeString(temp, SloYaml.write(new ArrayList<>(slos.values())), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store SLOs in " + file, e);
        }
    }

    /** An SLO of the configuration file cannot be changed or deleted through the API. */
    public static final class ReadOnlySloException extends RuntimeException {
        public ReadOnlySloException(String id) {
            super("SLO '" + id + "' is defined in the SLO file; change it there");
        }
    }
}
