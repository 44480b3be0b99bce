package dev.vigil.analytics.anomaly.monitor;

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
import java.util.List;

/**
 * Which onsets the monitor has already searched, as disjoint half-open ranges of epoch
 * milliseconds, and how far the live monitor got (its frontier). Persisted in one small text file
 * (written to a temporary file, fsynced and renamed over the old one), so a restart resumes where
 * the last run stopped and a past window is scanned once. Kept only for one step: a ledger written
 * with another step is discarded, because its series were different.
 *
 * <p>The ledger is written after the anomalies it covers are in the journal, never before: a crash
 * in between makes the next scan repeat, and the store drops the repeats by id.
 *
 * <p>Not thread-safe: the monitor holds its lock around every use.
 */
final class ScanLedger {
    private static final String FILE = "ledger.tsv";

    private final Path file;
    private final long stepMillis;
    private final List<long[]> covered = new ArrayList<>();
    private long frontier = -1;

    private ScanLedger(Path file, long stepMillis) {
        this.file = file;
        this.stepMillis = stepMillis;
    }

    /** Opens the ledger in {@code directory}, or an empty one; {@code directory} null keeps it in memory only. */
    static ScanLedger open(Path directory, long stepMillis) {
        ScanLedger ledger = new ScanLedger(directory == null ? null : directory.resolve(FILE), stepMillis);
        if (ledger.file == null || !Files.exists(ledger.file)) {
            return ledger;
        }
        try {
            List<String> lines = Files.readAllLines(ledger.file, StandardCharsets.UTF_8);
            long step = -1;
            for (String line : lines) {
                String[] parts = line.split("\t");
                switch (parts[0]) {
                    case "step" -> step = Long.parseLong(parts[1]);
                    case "frontier" -> ledger.frontier = Long.parseLong(parts[1]);
                    case "covered" -> ledger.covered.add(new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                    default -> {
                        // Lines of a newer layout: ignored rather than fatal, at worst a window is scanned again.
                    }
                }
            }
            if (step != stepMillis) {
                ledger.covered.clear();
                ledger.frontier = -1;
            }
        } catch (IOException | RuntimeException e) {
            // A damaged ledger costs rescans (duplicates are dropped by id), never the node's start.
            ledger.covered.clear();
            ledger.frontier = -1;
        }
        return ledger;
    }

    /** The end of what the live monitor processed, or -1 when it never ran. */
    long frontier() {
        return frontier;
    }

    void frontier(long millis) {
        frontier = millis;
    }

    /** The parts of {@code [from, to)} not covered yet, in order. */
    List<long[]> gaps(long from, long to) {
        List<long[]> out = new ArrayList<>();
        long at = from;
        for (long[] range : covered) {
            if (range[1] <= at) {
                continue;
            }
            if (range[0] >= to) {
                break;
            }
            if (range[0] > at) {
                out.add(new long[]{at, range[0]});
            }
            at = Math.max(at, range[1]);
        }
        if (at < to) {
            out.add(new long[]{at, to});
        }
        return out;
    }

    /** Marks {@code [from, to)} covered, merging touching ranges. */
    void cover(long from, long to) {
        if (to <= from) {
            return;
        }
        List<long[]> merged = new ArrayList<>();
        long start = from;
        long end = to;
        for (long[] range : covered) {
            if (range[1] < start || range[0] > end) {
                merged.add(range);
            } else {
                start = Math.min(start, range[0]);
                end = Math.max(end, range[1]);
            }
        }
        merged.add(new long[]{start, end});
        merged.sort((a, b) -> Long.compare(a[0], b[0]));
        covered.clear();
        covered.addAll(merged);
    }

    /** Writes the ledger durably (no-op in memory). */
    void save() {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append("step\t").append(stepMillis).append('\n');
        text.append("frontier\t").append(frontier).append('\n');
        for (long[] range : covered) {
            text.append("covered\t").append(range[0]).append('\t').append(range[1]).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the anomaly ledger " + file, e);
        }
    }
}
