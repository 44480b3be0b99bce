package dev.vigil.ingest;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Refuses appends while the journal's disk has less usable space than a floor, so that a full disk
 * turns into "retry later" answers instead of a journal that cannot write what it acknowledged.
 *
 * <p>The usable space is probed at most once per refresh period (1 s in a server) and cached, so
 * {@link #check()} is cheap enough for every request: between probes it reads a volatile field. One
 * caller per period does the probe; the others see the previous value. When a probe fails the last
 * value is kept (a guard must not stop ingest because {@code statfs} hiccupped). Thread-safe.
 */
public final class DiskSpaceGuard {
    /** The server setting for the floor, named in every refusal. */
    public static final String SETTING = "min-free-disk";
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Reads the usable bytes of the file store; may be slow-ish (a syscall), so it is called rarely. */
    @FunctionalInterface
    public interface SpaceProbe {
        long usableBytes() throws IOException;
    }

    private final String location;
    private final SpaceProbe probe;
    private final long floorBytes;
    private final LongSupplier nanoClock;
    private final long refreshNanos;
    private final AtomicLong nextProbe;
    private volatile long freeBytes;

    /**
     * @param location     what the refusal message calls the disk (the journal directory)
     * @param floorBytes   usable bytes that must remain; 0 disables the check (the space is still read)
     * @param nanoClock    monotonic time, {@link System#nanoTime()} outside tests
     * @param refreshNanos how long a probed value is reused
     */
    public DiskSpaceGuard(String location, SpaceProbe probe, long floorBytes, LongSupplier nanoClock, long refreshNanos) {
        if (floorBytes < 0 || refreshNanos < 0) {
            throw new IllegalArgumentException("floorBytes and refreshNanos must not be negative");
        }
        this.location = location;
        this.probe = probe;
        this.floorBytes = floorBytes;
        this.nanoClock = nanoClock;
        this.refreshNanos = refreshNanos;
        this.freeBytes = probeOr(Long.MAX_VALUE);
        this.nextProbe = new AtomicLong(nanoClock.getAsLong() + refreshNanos);
    }

    /** A guard over the file store that holds {@code directory}, with the floor resolved against its size. */
    public static DiskSpaceGuard forDirectory(Path directory, DiskFloor floor) throws IOException {
        FileStore store = Files.getFileStore(directory);
        long floorBytes = floor.floorBytes(store.getTotalSpace());
        return new DiskSpaceGuard(directory.toAbsolutePath().toString(), store::getUsableSpace, floorBytes, System::nanoTime,
                REFRESH_NANOS);
    }

    /** Usable bytes on the disk, at most one refresh period old. */
    public long freeBytes() {
        long now = nanoClock.getAsLong();
        long due = nextProbe.get();
        if (now - due >= 0 && nextProbe.compareAndSet(due, now + refreshNanos)) {
            freeBytes = probeOr(freeBytes);
        }
        return freeBytes;
    }

    /** The floor in bytes; 0 when the check is off. */
    public long floorBytes() {
        return floorBytes;
    }

    /** True while the usable space is under the floor. */
    public boolean low() {
        return floorBytes > 0 && freeBytes() < floorBytes;
    }

    /** Why appends are refused now, or {@code null} when they are not. */
    public String problem() {
        long free = freeBytes();
        if (floorBytes == 0 || free >= floorBytes) {
            return null;
        }
        return "free disk space for the journal (" + location + ") is " + humanBytes(free) + ", under the floor of "
                + humanBytes(floorBytes) + " (setting " + SETTING + "); nothing is accepted until space is freed"
                + " or " + SETTING + " is lowered; retry later";
    }

    /** @throws DiskSpaceLowException while the usable space is under the floor */
    public void check() {
        String problem = problem();
        if (problem != null) {
            throw new DiskSpaceLowException(problem, freeBytes, floorBytes);
        }
    }

    private long probeOr(long fallback) {
        try {
            return probe.usableBytes();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    /** {@code 1.0 GiB}, {@code 812.5 MiB}, {@code 512 B}. */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
