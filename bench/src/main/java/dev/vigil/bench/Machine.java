package dev.vigil.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a benchmark ran on and how busy the machine was: figures are meaningless without it.
 * Reads Linux's /proc; elsewhere the fields say "unknown".
 */
public final class Machine {
    private Machine() {
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    }

    /** Physical memory in GiB, from /proc/meminfo. */
    public static String ram() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> {
            long kib = Long.parseLong(v.replace("kB", "").trim());
            return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    public static String java() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    public static String jvmSettings() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "max heap %.1f GiB, GC %s", maxHeap / 1024.0 / 1024.0 / 1024.0, gcs);
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** One line: cores, CPU, RAM, OS, Java. */
    public static String describe() {
        return cores() + " cores (nproc), " + cpuModel() + ", " + ram() + " RAM, " + os() + "; " + java();
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: fall through.
        }
        return java.util.Optional.empty();
    }

    /** Machine-wide CPU counters from /proc/stat, in clock ticks. */
    public record CpuTicks(long busy, long idle, long steal) {
        public static CpuTicks read() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                    if (line.startsWith("cpu ")) {
                        String[] f = line.trim().split("\\s+");
                        long user = Long.parseLong(f[1]);
                        long nice = Long.parseLong(f[2]);
                        long system = Long.parseLong(f[3]);
                        long idle = Long.parseLong(f[4]);
                        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
                        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
                        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
                        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                        return new CpuTicks(user + nice + system + irq + softirq, idle + iowait, steal);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through
            }
            return new CpuTicks(-1, -1, -1);
        }

        public boolean known() {
            return busy >= 0;
        }

        /** Busy cores (0..nproc) between {@code earlier} and this reading. */
        public double busyCoresSince(CpuTicks earlier) {
            long busyDelta = busy - earlier.busy;
            long total = busyDelta + (idle - earlier.idle) + (steal - earlier.steal);
            return total <= 0 ? 0 : cores() * (double) busyDelta / total;
        }

        public double stealCoresSince(CpuTicks earlier) {
            long total = (busy - earlier.busy) + (idle - earlier.idle) + (steal - earlier.steal);
            return total <= 0 ? 0 : cores() * (double) (steal - earlier.steal) / total;
        }
    }
}
