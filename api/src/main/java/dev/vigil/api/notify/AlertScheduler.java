package dev.vigil.api.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.AlertState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert rules every interval on a worker thread (index reads block; the event loop
 * must not) and hands the result to the {@link Notifier}. A tick that finds the previous one
 * still running is skipped, so a slow evaluation never piles up. {@link #tick(Instant)} runs one
 * evaluation at a given time: tests drive the whole pipeline with their own clock through it.
 * Thread-safe.
 */
public final class AlertScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertScheduler.class);

    private final Vertx vertx;
    private final AlertEngine engine;
    private final Notifier notifier;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    private final Timer evaluations;

    /** Registers {@code vigil.alerts{state}} (alerts per state) and {@code vigil.alerts.evaluation} (time per evaluation). */
    public AlertScheduler(Vertx vertx, AlertEngine engine, Notifier notifier, MeterRegistry registry) {
        this.vertx = vertx;
        this.engine = engine;
        this.notifier = notifier;
        this.evaluations = Timer.builder("vigil.alerts.evaluation").description("time to evaluate every alert rule once")
                .register(registry);
        for (AlertState state : new AlertState[] {AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED}) {
            Gauge.builder("vigil.alerts", engine, e -> e.alerts().stream().filter(a -> a.state() == state).count())
                    .description("alerts per state after the last evaluation").tag("state", state.label()).register(registry);
        }
    }

    public AlertEngine engine() {
        return engine;
    }

    /**
     * Starts the periodic evaluation at the engine's interval.
     *
     * @param clock the time evaluations run at
     * @param ready whether the data is ready (journal replay done); earlier ticks are skipped
     */
    public synchronized AlertScheduler start(Clock clock, java.util.function.BooleanSupplier ready) {
        if (timerId < 0) {
            timerId = vertx.setPeriodic(engine.interval().toMillis(), id -> {
                if (ready.getAsBoolean() && running.compareAndSet(false, true)) {
                    evaluate(clock.instant()).onComplete(done -> running.set(false));
                }
            });
        }
        return this;
    }

    /** Runs one evaluation at {@code now} and dispatches it; the future completes once every target finished. */
    public Future<AlertEngine.Evaluation> tick(Instant now) {
        return evaluate(now);
    }

    private Future<AlertEngine.Evaluation> evaluate(Instant now) {
        return vertx.executeBlocking(() -> evaluations.recordCallable(() -> engine.evaluate(now)), false)
                .compose(evaluation -> notifier.dispatch(evaluation).map(evaluation))
                .onFailure(e -> LOG.warn("alert evaluation at {} failed: {}", now, e.toString()));
    }

    @Override
    public synchronized void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
