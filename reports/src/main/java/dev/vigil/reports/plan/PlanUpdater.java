package dev.vigil.reports.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plan file current. An update gathers {@link PlanFacts}, merges the rendered sections into
 * the file as it is now (a person's text and ticks survive, see {@link PlanDocument} and
 * {@link PlanItems}), adds a change-log entry when something changed, and replaces the file
 * atomically (a temporary file in the same directory, then a rename), so readers and a team's
 * repository never see half a plan.
 * <p>Updates come from three places: {@link #refresh} (now, on the caller's thread, e.g.
 * {@code POST /api/v1/plan/refresh}); {@link #requestUpdate} (hooks such as an incident opened or
 * closed; debounced by {@code debounce}, so a burst makes one update); and a periodic check every
 * {@code checkEvery} that gathers the facts and writes only when a transition happened: a deploy or
 * rollback completed (a version changed), a migration was applied, a component's status changed, an
 * alert (an SLO burn-rate alert is an SLA breach) fired or resolved, or an incident opened or closed.
 * Scheduled work runs on the updater's own single thread, never on an event loop.
 * Thread-safe: updates are serialized.
 */
public final class PlanUpdater implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlanUpdater.class);

    private final Path file;
    private final PlanFactsCollector collector;
    private final Duration debounce;
    private final PlanRenderer renderer = new PlanRenderer();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "vigil-plan");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> pendingReasons = new LinkedHashSet<>();
    private ScheduledFuture<?> pending;
    private PlanFacts lastFacts;
    private long updates;

    /** The outcome of one update. */
    public record Update(PlanFacts facts, String text, List<String> changes, boolean written) {
    }

    public PlanUpdater(Path file, PlanFactsCollector collector, Duration debounce) {
        this.file = file;
        this.collector = collector;
        this.debounce = debounce;
    }

    /** Where the plan is written. */
    public Path file() {
        return file;
    }

    /**
     * Starts the periodic transition check (the first after {@code checkEvery}); checks are skipped
     * while {@code ready} is false (e.g. while the journal replays).
     */
    public PlanUpdater start(Duration checkEvery, BooleanSupplier ready) {
        worker.scheduleWithFixedDelay(() -> {
            if (!ready.getAsBoolean()) {
                return;
            }
            try {
                update("status check", true);
            } catch (RuntimeException e) {
                LOG.warn("plan check failed: {}", e.toString());
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for an update soon; reasons of requests within the debounce interval are merged into one. */
    public void requestUpdate(String reason) {
        synchronized (pendingReasons) {
            pendingReasons.add(reason);
            if (pending != null && !pending.isDone()) {
                return;
            }
            pending = worker.schedule(() -> {
                String reasons;
                synchronized (pendingReasons) {
                    reasons = String.join("; ", pendingReasons);
                    pendingReasons.clear();
                }
                try {
                    update(reasons, false);
                } catch (RuntimeException e) {
                    LOG.warn("plan update ({}) failed: {}", reasons, e.toString());
                }
            }, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Updates the plan now on the calling thread (blocking: reads the index and writes the file). */
    public Update refresh(String reason) {
        return update(reason, false);
    }

    /** Waits until requested updates that are due have run (for tests and orderly shutdown). */
    public void awaitIdle() throws InterruptedException {
        try {
            worker.submit(() -> { }).get();
            ScheduledFuture<?> last;
            synchronized (pendingReasons) {
                last = pending;
            }
            if (last != null) {
                last.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The plan's text as on disk, or null before the first update. */
    public String read() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts of the latest update in this process, or null. */
    public synchronized PlanFacts lastFacts() {
        return lastFacts;
    }

    /** Updates this process has written. */
    public synchronized long updates() {
        return updates;
    }

    private synchronized Update update(String reason, boolean onlyOnTransition) {
        PlanFacts facts = collector.collect();
        String before = read();
        PlanDocument document = PlanDocument.parse(before == null ? "" : before);
        Map<String, String> oldBodies = document.sections();
        PlanItems items = PlanItems.merge(facts.items(), oldBodies.values(), facts.generatedAt(), facts.window().to());
        Map<String, Boolean> itemsBefore = PlanChangeLog.itemsOf(oldBodies.values());
        String oldLog = oldBodies.get(PlanRenderer.CHANGELOG);
        List<String> changes = PlanChangeLog.changes(PlanChangeLog.parseState(oldLog), facts, itemsBefore, items);
        if (onlyOnTransition && before != null && changes.isEmpty()) {
            lastFacts = facts;
            return new Update(facts, before, changes, false);
        }
        String title = onlyOnTransition ? titleFor(changes) : reason;
        Map<String, String> bodies = new LinkedHashMap<>(renderer.render(facts, items));
        bodies.put(PlanRenderer.CHANGELOG, PlanChangeLog.render(oldLog, facts.generatedAt(), title, changes, facts));
        String text = before == null || oldBodies.isEmpty() && before.isBlank()
                ? PlanDocument.skeleton(PlanRenderer.sectionIds(), bodies) : document.merge(bodies);
        write(text);
        lastFacts = facts;
        updates++;
        return new Update(facts, text, List.copyOf(changes), true);
    }

    /** A change-log title naming the kinds of transition the check found. */
    private static String titleFor(List<String> changes) {
        List<String> kinds = new ArrayList<>();
        for (String line : changes) {
            String kind = line.contains(": version ") ? "deploy" : line.contains("migration applied") ? "migration"
                    : line.contains(" → ") ? "health status change" : line.startsWith("New issue: SLA") ? "SLA breach"
                    : line.startsWith("New issue: Incident") || line.startsWith("Resolved: Incident") ? "incident"
                    : line.startsWith("New issue") || line.startsWith("Resolved") ? "alerts" : "inventory";
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds.isEmpty() ? "status check" : String.join(", ", kinds);
    }

    private void write(String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plan to " + file, e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
