package dev.vigil.analytics.config;

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
 * Where definitions of one kind live (SLOs, probes): those of a configuration file, read once and
 * read-only through the API, and those created through the API, kept in one file under a data
 * directory and rewritten atomically (temporary file, fsync, rename) on every change, so a crash
 * leaves the old or the new set, never a torn file. An id may be defined in only one of the two.
 *
 * <p>A repository of one kind extends this class, passing its {@link Kind}; every operation is
 * final here, so all kinds behave alike.
 *
 * <p>Thread-safe: changes are serialised; readers get immutable snapshots.
 *
 * @param <T> the definition type
 */
public abstract class DefinitionStore<T> {
    /**
     * How one kind of definition is identified, read, written and reported. Implementations must
     * be thread-safe (stateless ones are).
     */
    public interface Kind<T> {
        /** The unique key of a definition (an SLO's id, a probe's name). */
        String id(T definition);

        /**
         * Parses a file of definitions.
         *
         * @param source        the file, for error messages
         * @param fromApi       whether the file is the store's own (API-created definitions) rather than
         *                      the configuration file, so the definitions carry the right origin
         * @throws RuntimeException the kind's own validation exception if the text is invalid
         */
        List<T> read(String text, String source, boolean fromApi);

        /** The text of the store's own file holding these definitions; {@link #read} must read it back. */
        String write(List<T> definitions);

        /** The definition as created through the API (its origin set accordingly). */
        T createdThroughApi(T definition);

        /** The exception for an API-created definition whose id the configuration file also defines. */
        RuntimeException definedTwice(Path apiFile, String id, Path configFile);

        /** The exception for an attempt to change or delete a definition of the configuration file. */
        RuntimeException readOnly(String id);

        /** What the definitions are called in error messages, plural ("SLOs"). */
        String plural();
    }

    private final Path directory;
    private final String apiFileName;
    private final Kind<T> kind;
    private final Map<String, T> fromFile;
    private volatile Map<String, T> fromApi;

    /**
     * Reads both files.
     *
     * @param directory   where API-created definitions are kept (created if missing), or null to keep
     *                    them in memory only
     * @param apiFileName the name of their file inside {@code directory}
     * @param configFile  the configuration file, or null for none
     * @throws RuntimeException the kind's exceptions if either file holds invalid definitions, or an
     *                          id is in both
     */
    protected DefinitionStore(Path directory, String apiFileName, Path configFile, Kind<T> kind) throws IOException {
        Map<String, T> fromFile = new TreeMap<>();
        if (configFile != null) {
            for (T definition : kind.read(Files.readString(configFile), configFile.toString(), false)) {
                fromFile.put(kind.id(definition), definition);
            }
        }
        Map<String, T> fromApi = new TreeMap<>();
        if (directory != null) {
            Files.createDirectories(directory);
            Path file = directory.resolve(apiFileName);
            if (Files.exists(file)) {
                for (T definition : kind.read(Files.readString(file), file.toString(), true)) {
                    String id = kind.id(definition);
                    if (fromFile.containsKey(id)) {
                        throw kind.definedTwice(file, id, configFile);
                    }
                    fromApi.put(id, definition);
                }
            }
        }
        this.directory = directory;
        this.apiFileName = apiFileName;
        this.kind = kind;
        this.fromFile = Map.copyOf(fromFile);
        this.fromApi = Map.copyOf(fromApi);
    }

    /** Every definition, ordered by id. */
    public final List<T> all() {
        Map<String, T> all = new TreeMap<>(fromFile);
        all.putAll(fromApi);
        return List.copyOf(all.values());
    }

    public final Optional<T> get(String id) {
        T definition = fromFile.get(id);
        return Optional.ofNullable(definition != null ? definition : fromApi.get(id));
    }

    /**
     * Creates or replaces an API definition.
     *
     * @return true if it was new
     * @throws RuntimeException the kind's {@link Kind#readOnly} exception if the id belongs to the
     *                          configuration file
     */
    public final synchronized boolean put(T definition) {
        String id = kind.id(definition);
        if (fromFile.containsKey(id)) {
            throw kind.readOnly(id);
        }
        Map<String, T> next = new TreeMap<>(fromApi);
        boolean created = next.put(id, kind.createdThroughApi(definition)) == null;
        persist(next);
        fromApi = Map.copyOf(next);
        return created;
    }

    /**
     * @return false if there was no such definition
     * @throws RuntimeException the kind's {@link Kind#readOnly} exception if the id belongs to the
     *                          configuration file
     */
    public final synchronized boolean delete(String id) {
        if (fromFile.containsKey(id)) {
            throw kind.readOnly(id);
        }
        if (!fromApi.containsKey(id)) {
            return false;
        }
        Map<String, T> next = new TreeMap<>(fromApi);
        next.remove(id);
        persist(next);
        fromApi = Map.copyOf(next);
        return true;
    }

    private void persist(Map<String, T> definitions) {
        if (directory == null) {
            return;
        }
        Path file = directory.resolve(apiFileName);
        Path temp = directory.resolve(apiFileName + ".tmp");
        try {
            Files.writeString(temp, kind.write(new ArrayList<>(definitions.values())), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems cannot rename atomically; replacing is the best they offer.
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + kind.plural() + " in " + file, e);
        }
    }
}
