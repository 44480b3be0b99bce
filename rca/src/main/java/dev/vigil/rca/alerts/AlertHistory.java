package dev.vigil.rca.alerts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every alert transition, appended as one JSON line to {@code history.jsonl} (the file is the
 * record; a torn last line after a crash is skipped on open), with the newest
 * {@value #KEPT_IN_MEMORY} kept in memory for queries. Thread-safe (synchronized).
 */
public final class AlertHistory implements AutoCloseable {
    static final int KEPT_IN_MEMORY = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);

    private final Deque<Transition> recent = new ArrayDeque<>();
    private final BufferedWriter writer;

    private AlertHistory(BufferedWriter writer) {
        this.writer = writer;
    }

    /** @param file the history file, or null to keep the history in memory only */
    public static AlertHistory open(Path file) {
        if (file == null) {
            return new AlertHistory(null);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AlertHistory history = new AlertHistory(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
            if (Files.size(file) > 0) {
                int line = 0;
                for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> fields = (Map<String, Object>) JsonMaps.read(text);
                        history.remember(Transition.fromFields(fields));
                    } catch (RuntimeException e) {
                        LOG.warn("{} line {}: skipped an unreadable history entry ({})", file, line, e.getMessage());
                    }
                }
            }
            return history;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends and flushes to the operating system: a transition is recorded before it is notified. */
    public synchronized void append(List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        for (Transition t : transitions) {
            remember(t);
        }
        if (writer == null) {
            return;
        }
        try {
            for (Transition t : transitions) {
                writer.write(JsonMaps.write(t.fields()));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remember(Transition t) {
        recent.addLast(t);
        if (recent.size() > KEPT_IN_MEMORY) {
            recent.removeFirst();
        }
    }

    /**
     * Newest first.
     *
     * @param from        at or after, or null
     * @param to          before, or null
     * @param ruleId      only this rule, or null
     * @param fingerprint only this alert, or null
     * @param limit       at most this many
     */
    public synchronized List<Transition> find(Instant from, Instant to, String ruleId, String fingerprint, int limit) {
        List<Transition> out = new ArrayList<>();
        for (Iterator<Transition> it = recent.descendingIterator(); it.hasNext() && out.size() < limit; ) {
            Transition t = it.next();
            if ((from == null || !t.at().isBefore(from)) && (to == null || t.at().isBefore(to))
                    && (ruleId == null || ruleId.equals(t.ruleId())) && (fingerprint == null || fingerprint.equals(t.fingerprint()))) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("alert history did not close cleanly: {}", e.toString());
            }
        }
    }
}
