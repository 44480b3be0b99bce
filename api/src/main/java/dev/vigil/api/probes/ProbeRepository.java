package dev.vigil.api.probes;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Where probe definitions live: those of the probe file (read-only through the API) and those
 * created through the API, kept in {@code probes.yaml} under the data directory and rewritten
 * atomically (temporary file, fsync, rename) on every change.
 *
 * <p>Thread-safe: changes are serialised; readers get immutable snapshots.
 */
public final class ProbeRepository {
    public static final String API_FILE = "probes.yaml";

    private final Path directory;
    private final Map<String, ProbeDefinition> fromFile;
    private volatile Map<String, ProbeDefinition> fromApi;

    private ProbeRepository(Path directory, Map<String, ProbeDefinition> fromFile, Map<String, ProbeDefinition> fromApi) {
        this.directory = directory;
        this.fromFile = fromFile;
        this.fromApi = fromApi;
    }

    /**
     * @param directory where API-created probes are kept (created if missing), or null for memory only
     * @param probeFile the YAML probe file, or null
     * @throws ProbeSpecException if a file holds invalid probes or a name is in both
     */
    public static ProbeRepository open(Path directory, Path probeFile) throws IOException {
        Map<String, ProbeDefinition> fromFile = new TreeMap<>();
        if (probeFile != null) {
            for (ProbeDefinition probe : ProbeSpecParser.readYaml(Files.readString(probeFile), probeFile.toString(),
                    ProbeDefinition.ORIGIN_FILE)) {
                fromFile.put(probe.name(), probe);
            }
        }
        Map<String, ProbeDefinition> fromApi = new TreeMap<>();
        if (directory != null) {
            Files.createDirectories(directory);
            Path file = directory.resolve(API_FILE);
            if (Files.exists(file)) {
                for (ProbeDefinition probe : ProbeSpecParser.readYaml(Files.readString(file), file.toString(), ProbeDefinition.ORIGIN_API)) {
                    if (fromFile.containsKey(probe.name())) {
                        throw new ProbeSpecException(file.toString(), List.of("name: '" + probe.name() + "' is also defined in "
                                + probeFile + "; rename one of them"));
                    }
                    fromApi.put(probe.name(), probe);
                }
            }
        }
        return new ProbeRepository(directory, Map.copyOf(fromFile), Map.copyOf(fromApi));
    }

    /** Every probe, ordered by name. */
    public List<ProbeDefinition> all() {
        Map<String, ProbeDefinition> all = new TreeMap<>(fromFile);
        all.putAll(fromApi);
        return List.copyOf(all.values());
    }

    public Optional<ProbeDefinition> get(String name) {
        ProbeDefinition probe = fromFile.get(name);
        return Optional.ofNullable(probe != null ? probe : fromApi.get(name));
    }

    /**
     * Creates or replaces an API probe.
     *
     * @return true if it was new
     * @throws IllegalStateException if the name belongs to a probe of the probe file
     */
    public synchronized boolean put(ProbeDefinition probe) {
        if (fromFile.containsKey(probe.name())) {
            throw new IllegalStateException("probe '" + probe.name() + "' is defined in the probe file; change it there");
        }
        Map<String, ProbeDefinition> next = new TreeMap<>(fromApi);
        boolean created = next.put(probe.name(), probe.withOrigin(ProbeDefinition.ORIGIN_API)) == null;
        persist(next);
        fromApi = Map.copyOf(next);
        return created;
    }

    /**
     * @return false if there was no such probe
     * @throws IllegalStateException if the name belongs to a probe of the probe file
     */
    public synchronized boolean delete(String name) {
        if (fromFile.containsKey(name)) {
            throw new IllegalStateException("probe '" + name + "' is defined in the probe file; change it there");
        }
        if (!fromApi.containsKey(name)) {
            return false;
        }
        Map<String, ProbeDefinition> next = new TreeMap<>(fromApi);
        next.remove(name);
        persist(next);
        fromApi = Map.copyOf(next);
        return true;
    }

    private void persist(Map<String, ProbeDefinition> probes) {
        if (directory == null) {
            return;
        }
        List<Object> list = new ArrayList<>();
        for (ProbeDefinition probe : probes.values()) {
            list.add(ProbeSpecParser.toTree(probe));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("probes", list);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = directory.resolve(API_FILE);
        Path temp = directory.resolve(API_FILE + ".tmp");
        try {
            Files.writeString(temp, new Yaml(options).dump(root), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store probes in " + file, e);
        }
    }
}
