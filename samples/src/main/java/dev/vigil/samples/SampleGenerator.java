package dev.vigil.samples;

import dev.vigil.ingest.codec.EventJson;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the sample data set: two hours of an online shop (frontend, checkout, payments,
 * inventory, search) on 2026-11-02 from 10:00 to 12:00 UTC with two incidents and a few harmless
 * changes, as native-JSON NDJSON files plus ground truth. The output depends on nothing but the
 * fixed seed: no clock, no hash order, {@link StrictMath} only, so it is identical byte for byte
 * on every run. See {@code samples/README.md} for the story and the timeline.
 */
public final class SampleGenerator {
    public static final long SEED = 20261102L;

    public static final String LOGS = "logs.ndjson";
    public static final String METRICS = "metrics.ndjson";
    public static final String CHANGES = "events.ndjson";
    public static final String SPANS = "spans.ndjson";
    public static final String INCIDENTS = "incidents";

    private SampleGenerator() {
    }

    /** Writes the data set to {@code args[0]}, by default {@code samples/data}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples/data");
        SampleData data = generate();
        write(data, dir);
        System.out.println("wrote " + data.logs().size() + " logs, " + data.metrics().size() + " metric samples, "
                + data.changes().size() + " changes, " + data.spans().size() + " spans, "
                + data.incidents().size() + " incidents to " + dir.toAbsolutePath().normalize());
    }

    /** The data set in memory, for tests and benchmarks that want events rather than files. */
    public static SampleData generate() {
        Rng root = new Rng(SEED);
        Rng gcRng = root.fork("gc");
        Map<Service, GcTimeline> gc = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            gc.put(service, GcTimeline.build(service, gcRng.fork(service.id)));
        }
        PaymentsPool pool = new PaymentsPool(root.fork("pool"));
        Traffic traffic = new Traffic(root.fork("requests"), gc, pool);
        traffic.run();

        List<LogEvent> logs = new ArrayList<>(traffic.logs);
        logs.addAll(AppLogs.build(root.fork("logs"), gc, pool, traffic.hikariTimeouts));
        logs.sort(Comparator.comparingLong(LogEvent::timestampNanos));
        List<MetricSample> metrics = Metrics.build(root.fork("metrics"), gc, pool, traffic);
        List<Span> spans = new ArrayList<>(traffic.spans);
        spans.sort(Comparator.comparingLong(Span::startNanos));
        return new SampleData(logs, metrics, Scenario.changes(), spans, Scenario.incidents());
    }

    /** Generates the data set and writes it to {@code dir}. */
    public static SampleData generate(Path dir) throws IOException {
        SampleData data = generate();
        write(data, dir);
        return data;
    }

    /** Writes {@code data} as {@code dir/logs.ndjson}, ... and {@code dir/incidents/<id>.json}. */
    public static void write(SampleData data, Path dir) throws IOException {
        Files.createDirectories(dir.resolve(INCIDENTS));
        ndjson(dir.resolve(LOGS), data.logs());
        ndjson(dir.resolve(METRICS), data.metrics());
        ndjson(dir.resolve(CHANGES), data.changes());
        ndjson(dir.resolve(SPANS), data.spans());
        for (Incident incident : data.incidents()) {
            Files.writeString(dir.resolve(INCIDENTS).resolve(incident.id() + ".json"), GroundTruthJson.write(incident),
                    StandardCharsets.UTF_8);
        }
    }

    private static void ndjson(Path file, List<? extends Event> events) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Event event : events) {
                out.write(EventJson.toJson(event));
                out.write('\n');
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
