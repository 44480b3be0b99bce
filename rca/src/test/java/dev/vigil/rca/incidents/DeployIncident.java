package dev.vigil.rca.incidents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

/**
 * A small incident in a real pipeline: two services log steadily for 150 minutes; payments is
 * deployed at minute 119 and from minute 120 a third of its requests fail with a new error
 * message. Enough for the analysis to find signals and a change; the ranking itself is the RCA
 * engine's tests' business.
 */
final class DeployIncident {
    static final long T0 = 1_793_613_600_000_000_000L;
    static final long MINUTE = 60_000_000_000L;
    static final long DEPLOY = at(119);

    private DeployIncident() {
    }

    static long at(double minutes) {
        return T0 + (long) (minutes * MINUTE);
    }

    static EventPipeline writeTo(Path dir) throws IOException {
        EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dir));
        try {
            Random random = new Random(7);
            List<LogEvent> logs = new ArrayList<>();
            for (int minute = 0; minute < 150; minute++) {
                for (String service : List.of("payments", "checkout")) {
                    for (int i = 0; i < 30; i++) {
                        long t = at(minute) + i * 2_000_000_000L + random.nextInt(1_000_000_000);
                        boolean failing = service.equals("payments") && minute >= 120 && random.nextInt(3) == 0;
                        int status = failing ? 503 : 200;
                        String ms = String.format(Locale.ROOT, "%.1f", (failing ? 3000 : 20) * (0.9 + 0.2 * random.nextDouble()));
                        logs.add(new LogEvent(t, service, service + "-1", failing ? Level.ERROR : Level.INFO,
                                "POST /" + service + " " + status + " " + ms + " ms",
                                Map.of("method", "POST", "route", "/" + service, "status", Integer.toString(status), "duration_ms", ms)));
                        if (failing) {
                            logs.add(new LogEvent(t + 1000, service, service + "-1", Level.ERROR,
                                    "payment provider call failed after 3000 ms for order " + (100_000 + random.nextInt(900_000)), Map.of()));
                        }
                    }
                }
            }
            logs.sort(java.util.Comparator.comparingLong(LogEvent::timestampNanos));
            append(pipeline, EventKind.LOG, logs);
            append(pipeline, EventKind.CHANGE, List.of(new ChangeEvent(DEPLOY, ChangeType.DEPLOY, "payments", "v2.4.0", "production",
                    "rolling", ChangeStatus.SUCCEEDED, "new payment provider client", Map.of())));
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private static void append(EventPipeline pipeline, EventKind kind, List<? extends Event> events) {
        long last = -1;
        for (int from = 0; from < events.size(); from += 1000) {
            last = pipeline.append(kind, events.subList(from, Math.min(events.size(), from + 1000))).join();
        }
        pipeline.awaitSearchable(last).join();
    }
}
