package dev.vigil.api.probes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.ingest.EventPipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every probe of a repository on its interval, records each result and keeps the latest
 * status per probe. A check still running when the next one is due makes that one skip, so a
 * slow target never piles up checks.
 *
 * <p>Thread-safe. Call {@link #sync()} after changing the repository; {@link #close()} stops it.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final Vertx vertx;
    private final EventPipeline pipeline;
    private final ProbeRepository repository;
    private final Prober prober;
    private final ProbeRecorder recorder;
    private final Map<String, Scheduled> scheduled = new HashMap<>();
    private final Map<String, ProbeStatus> statuses = new ConcurrentHashMap<>();

    private record Scheduled(ProbeDefinition probe, long timer, AtomicBoolean running) {
    }

    public ProbeScheduler(Vertx vertx, EventPipeline pipeline, ProbeRepository repository) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.repository = repository;
        this.prober = new Prober(vertx);
        this.recorder = new ProbeRecorder(vertx, pipeline);
    }

    /** Starts timers for new and changed probes and stops those of removed ones. */
    public synchronized void sync() {
        Map<String, ProbeDefinition> wanted = new HashMap<>();
        for (ProbeDefinition probe : repository.all()) {
            wanted.put(probe.name(), probe);
        }
        for (String name : new ArrayList<>(scheduled.keySet())) {
            ProbeDefinition probe = wanted.get(name);
            if (probe == null || !probe.withOrigin("").equals(scheduled.get(name).probe().withOrigin(""))) {
                vertx.cancelTimer(scheduled.remove(name).timer());
                statuses.remove(name);
            }
        }
        for (ProbeDefinition probe : wanted.values()) {
            if (!scheduled.containsKey(probe.name())) {
                AtomicBoolean running = new AtomicBoolean();
                long interval = probe.interval().toMillis();
                long timer = vertx.setPeriodic(Math.min(1000, interval), interval, id -> {
                    if (running.compareAndSet(false, true)) {
                        run(probe).onComplete(done -> running.set(false));
                    }
                });
                scheduled.put(probe.name(), new Scheduled(probe, timer, running));
                statuses.putIfAbsent(probe.name(), ProbeStatus.unknown(probe));
            }
        }
    }

    /**
     * Checks the probe now, outside its schedule, and completes once the result is recorded and
     * searchable (so its uptime includes it).
     */
    public Future<ProbeResult> checkNow(ProbeDefinition probe) {
        return run(probe).compose(recorded -> Future.fromCompletionStage(pipeline.awaitSearchable(recorded.index()))
                .map(searchable -> recorded.result()));
    }

    /** The status of every configured probe, ordered by name. */
    public List<ProbeStatus> statuses() {
        List<ProbeStatus> list = new ArrayList<>();
        for (ProbeDefinition probe : repository.all()) {
            ProbeStatus status = statuses.get(probe.name());
            list.add(status != null && status.probe().equals(probe) ? status : ProbeStatus.unknown(probe));
        }
        return list;
    }

    private record Recorded(ProbeResult result, long index) {
    }

    private Future<Recorded> run(ProbeDefinition probe) {
        return prober.check(probe).compose(result -> {
            String[] before = new String[1];
            statuses.compute(probe.name(), (name, status) -> {
                ProbeStatus current = status == null || !status.probe().equals(probe) ? ProbeStatus.unknown(probe) : status;
                before[0] = current.state();
                return current.after(result);
            });
            String changedFrom = before[0].equals(result.success() ? "up" : "down") ? null : before[0];
            return recorder.record(probe, result, changedFrom).map(index -> new Recorded(result, index));
        }).onFailure(e -> LOG.warn("probe {} result was not recorded: {}", probe.name(), e.toString()));
    }

    @Override
    public synchronized void close() {
        for (Scheduled s : scheduled.values()) {
            vertx.cancelTimer(s.timer());
        }
        scheduled.clear();
        prober.close();
    }
}
