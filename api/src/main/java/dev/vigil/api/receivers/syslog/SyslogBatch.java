package dev.vigil.api.receivers.syslog;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.syslog.SyslogParser;

/** Frames parsed into events, with how many fell back to raw text. Built on a worker thread. */
record SyslogBatch(List<LogEvent> events, int unparsed) {

    static SyslogBatch parse(SyslogParser parser, SyslogMeters meters, List<byte[]> frames, long receivedNanos) {
        long start = System.nanoTime();
        List<LogEvent> events = new ArrayList<>(frames.size());
        int unparsed = 0;
        for (byte[] frame : frames) {
            SyslogParser.Result result = parser.parse(frame, receivedNanos);
            events.add(result.event());
            if (!result.parsed()) {
                unparsed++;
            }
        }
        meters.decode().record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new SyslogBatch(List.copyOf(events), unparsed);
    }

    int size() {
        return events.size();
    }
}
