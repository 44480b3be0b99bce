package dev.vigil.rca.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The silences, kept in {@code silences.json} (rewritten whole on each change). Expired silences
 * are kept for {@link #RETENTION} so they can still be listed, then dropped. Thread-safe (synchronized).
 */
public final class SilenceStore {
    static final Duration RETENTION = Duration.ofDays(5);

    private final Path file;
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    private SilenceStore(Path file) {
        this.file = file;
    }

    /** @param file the silences file, or null to keep them in memory only */
    @SuppressWarnings("unchecked")
    public static SilenceStore open(Path file) {
        SilenceStore store = new SilenceStore(file);
        Object document = FileStore.read(file);
        if (document instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> fields = (Map<String, Object>) item;
                Silence s = Silence.parse(withoutStatus(fields), (String) fields.get("id"), Instant.EPOCH);
                store.silences.put(s.id(), s);
            }
        }
        return store;
    }

    private static Map<String, Object> withoutStatus(Map<String, Object> fields) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove("id");
        copy.remove("status");
        return copy;
    }

    /** Parses and stores a new silence; its id is generated. */
    public synchronized Silence create(Object spec, Instant now) {
        Silence silence = Silence.parse(spec, UUID.randomUUID().toString(), now);
        silences.put(silence.id(), silence);
        save(now);
        return silence;
    }

    /** Ends a silence now (it stays listed as expired); empty when no silence has the id. */
    public synchronized Optional<Silence> expire(String id, Instant now) {
        Silence s = silences.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (s.endsAt().isAfter(now)) {
            Instant start = s.startsAt().isAfter(now) ? now : s.startsAt();
            s = new Silence(s.id(), s.matchers(), start, now.equals(start) ? now.plusMillis(1) : now, s.createdBy(), s.comment());
            silences.put(id, s);
            save(now);
        }
        return Optional.of(s);
    }

    public synchronized Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    public synchronized List<Silence> all() {
        return new ArrayList<>(silences.values());
    }

    /** Ids of the active silences that mute {@code labels}. */
    public synchronized List<String> muting(Map<String, String> labels, Instant now) {
        List<String> ids = new ArrayList<>();
        for (Silence s : silences.values()) {
            if (s.mutes(labels, now)) {
                ids.add(s.id());
            }
        }
        return ids;
    }

    private void save(Instant now) {
        silences.values().removeIf(s -> s.endsAt().plus(RETENTION).isBefore(now));
        List<Object> document = new ArrayList<>();
        for (Silence s : silences.values()) {
            document.add(s.fields(null));
        }
        FileStore.write(file, document);
    }
}
