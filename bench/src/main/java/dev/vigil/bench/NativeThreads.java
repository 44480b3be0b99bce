package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU per OS thread of this process from {@code /proc/self/task/<tid>/stat} (Linux only). Unlike
 * {@link ThreadCpu} it also sees the JVM's own threads: GC workers ({@code GC Thread#0},
 * {@code G1 Conc#0}), JIT compilers ({@code C2 CompilerThre}), so it shows where the CPU not spent
 * in Java code went. Names are the kernel's, cut to 15 characters. Ticks are 1/100 s.
 */
public final class NativeThreads {
    private static final double TICKS_PER_SECOND = 100.0;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Long> ticks = new HashMap<>();

    /** Adds the current reading; threads seen before and gone now keep their last value. */
    public synchronized void update() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
                    long used = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                    int tid = Integer.parseInt(task.getFileName().toString());
                    names.put(tid, stat.substring(open + 1, close));
                    ticks.put(tid, used);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
    }

    public synchronized NativeThreads copy() {
        NativeThreads out = new NativeThreads();
        out.names.putAll(names);
        out.ticks.putAll(ticks);
        return out;
    }

    public synchronized boolean known() {
        return !ticks.isEmpty();
    }

    /** CPU seconds per thread-name group (digits as {@code #}) since {@code earlier}, largest first. */
    public synchronized List<ThreadCpu.Group> since(NativeThreads earlier) {
        Map<String, double[]> groups = new HashMap<>();
        Map<String, Set<Integer>> members = new HashMap<>();
        for (Map.Entry<Integer, Long> entry : ticks.entrySet()) {
            long delta = entry.getValue() - earlier.ticks.getOrDefault(entry.getKey(), 0L);
            if (delta <= 0) {
                continue;
            }
            String name = names.get(entry.getKey());
            // Keep C1/C2 apart (JIT compiler tiers); other numbers are pool indexes.
            String group = name.matches("C[12] .*") ? name.substring(0, 3) + name.substring(3).replaceAll("\\d+", "#")
                    : name.replaceAll("\\d+", "#");
            groups.computeIfAbsent(group, g -> new double[1])[0] += delta / TICKS_PER_SECOND;
            members.computeIfAbsent(group, g -> new HashSet<>()).add(entry.getKey());
        }
        List<ThreadCpu.Group> out = new ArrayList<>();
        groups.forEach((name, seconds) -> out.add(new ThreadCpu.Group(name, members.get(name).size(), seconds[0])));
        out.sort((a, b) -> Double.compare(b.cpuSeconds(), a.cpuSeconds()));
        return out;
    }
}
