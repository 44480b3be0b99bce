package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time per thread of this JVM between two snapshots, grouped by thread name with numbers
 * replaced by {@code #} (so the four {@code vert.x-eventloop-thread-N} count as one group). A
 * cheap stand-in for a profiler: it shows which thread pool a throughput limit sits in, e.g. a
 * single indexing thread at 1.0 cores is saturated.
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public record Group(String name, int threads, double cpuSeconds) {
    }

    private final Map<Long, String> names;
    private final Map<Long, Long> cpuNanos;

    private ThreadCpu(Map<Long, String> names, Map<Long, Long> cpuNanos) {
        this.names = names;
        this.cpuNanos = cpuNanos;
    }

    /** Reads every live thread's CPU time; {@code rename} relabels threads by id (e.g. the load generator's). */
    public static ThreadCpu snapshot(Map<Long, String> rename) {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> cpu = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(ids[i]);
            if (nanos < 0) {
                continue;
            }
            names.put(ids[i], rename.getOrDefault(ids[i], infos[i].getThreadName()));
            cpu.put(ids[i], nanos);
        }
        return new ThreadCpu(names, cpu);
    }

    /**
     * Accumulates snapshots taken every second or so, so that threads which end between the
     * window's start and end (Lucene's merge threads do) still count with what they used up to
     * their last sighting.
     */
    public static final class Tracker {
        private final Map<Long, String> names = new HashMap<>();
        private final Map<Long, Long> latest = new HashMap<>();

        public synchronized void update(ThreadCpu snapshot) {
            names.putAll(snapshot.names);
            latest.putAll(snapshot.cpuNanos);
        }

        /** Everything seen so far, including threads that have ended since. */
        public synchronized ThreadCpu seen() {
            return new ThreadCpu(new HashMap<>(names), new HashMap<>(latest));
        }
    }

    /** Total CPU of the listed threads from {@code earlier} to this snapshot. */
    public double totalSecondsSince(ThreadCpu earlier) {
        return since(earlier).stream().mapToDouble(Group::cpuSeconds).sum();
    }

    /** CPU spent per group from {@code earlier} to this snapshot, largest first. */
    public List<Group> since(ThreadCpu earlier) {
        Map<String, double[]> groups = new HashMap<>();
        Map<String, Set<Long>> members = new HashMap<>();
        for (Map.Entry<Long, Long> entry : cpuNanos.entrySet()) {
            long before = earlier.cpuNanos.getOrDefault(entry.getKey(), 0L);
            long delta = entry.getValue() - before;
            if (delta <= 0) {
                continue;
            }
            String group = names.get(entry.getKey()).replaceAll("\\d+", "#");
            groups.computeIfAbsent(group, g -> new double[1])[0] += delta / 1e9;
            members.computeIfAbsent(group, g -> new java.util.HashSet<>()).add(entry.getKey());
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((name, seconds) -> out.add(new Group(name, members.get(name).size(), seconds[0])));
        out.sort((a, b) -> Double.compare(b.cpuSeconds(), a.cpuSeconds()));
        return out;
    }
}
