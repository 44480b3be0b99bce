package dev.vigil.analytics.patterns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The templates of a data directory: a {@link TemplateMiner} whose templates and merge history are
 * read from {@code dir} on {@link #open} and written back by {@link #save()}, so template ids
 * survive restarts. The file is replaced atomically (see {@link TemplateFile}).
 *
 * <p>Usage: {@code TemplateStore store = TemplateStore.open(dataDir.resolve("templates"));}, mine
 * with {@link #mine}, call {@link #save()} before the index commits documents that carry the ids
 * ({@link TemplateEnricher} does).
 *
 * <p>Thread-safe: mining and catalog reads as {@link TemplateMiner}; {@link #save()} may run
 * concurrently with mining (it writes a consistent per-service snapshot) and saves serialise.
 */
public final class TemplateStore implements TemplateCatalog {
    private final Path dir;
    private final TemplateMiner miner;
    private final Object saveLock = new Object();
    private long savedChanges;

    private TemplateStore(Path dir, TemplateMiner miner) {
        this.dir = dir;
        this.miner = miner;
    }

    /** Opens the store in {@code dir} (created on first save) with the default miner settings. */
    public static TemplateStore open(Path dir) throws IOException {
        return open(dir, new TemplateMiner());
    }

    /** Opens the store in {@code dir}, loading its templates into {@code emptyMiner}. */
    public static TemplateStore open(Path dir, TemplateMiner emptyMiner) throws IOException {
        emptyMiner.restore(TemplateFile.read(dir));
        TemplateStore store = new TemplateStore(dir, emptyMiner);
        store.savedChanges = emptyMiner.changes();
        return store;
    }

    /** Mines one message of a service (see {@link TemplateMiner#mine}). */
    public TemplateMiner.Match mine(String service, String message) {
        return miner.mine(service, message);
    }

    /** Writes the templates when they changed since the last save; durable when it returns. */
    public void save() throws IOException {
        synchronized (saveLock) {
            long changes = miner.changes();
            if (changes == savedChanges) {
                return;
            }
            TemplateFile.write(dir, miner.snapshot());
            savedChanges = changes;
        }
    }

    public TemplateMiner miner() {
        return miner;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public Optional<LogTemplate> lookup(String id) {
        return miner.lookup(id);
    }

    @Override
    public Set<String> aliases(String id) {
        return miner.aliases(id);
    }

    @Override
    public List<LogTemplate> templates() {
        return miner.templates();
    }

    @Override
    public Optional<List<String>> parameters(String templateId, String message) {
        return miner.parameters(templateId, message);
    }
}
