package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceGuardTest {
    private static final long GIB = 1L << 30;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong usable = new AtomicLong(10 * GIB);
    private final AtomicLong clock = new AtomicLong(0);
    private final AtomicInteger probes = new AtomicInteger();

    private DiskSpaceGuard guard(long floorBytes) {
        return new DiskSpaceGuard("/data/journal", () -> {
            probes.incrementAndGet();
            return usable.get();
        }, floorBytes, clock::get, SECOND);
    }

    @Test
    void refusesBelowTheFloorNamingTheSettingAndRecoversWhenSpaceReturns() {
        DiskSpaceGuard guard = guard(GIB);
        guard.check();
        assertNull(guard.problem());

        usable.set(GIB / 2);
        clock.addAndGet(SECOND);
        assertTrue(guard.low());
        DiskSpaceLowException refused = assertThrows(DiskSpaceLowException.class, guard::check);
        assertTrue(refused.getMessage().contains("min-free-disk"), refused.getMessage());
        assertTrue(refused.getMessage().contains("512.0 MiB") && refused.getMessage().contains("1.0 GiB"), refused.getMessage());
        assertEquals(GIB / 2, refused.freeBytes());
        assertEquals(GIB, refused.floorBytes());

        usable.set(2 * GIB);
        clock.addAndGet(SECOND);
        guard.check();
        assertFalse(guard.low());
    }

    @Test
    void probesAtMostOncePerRefreshPeriod() {
        DiskSpaceGuard guard = guard(GIB);
        int atStart = probes.get();
        for (int i = 0; i < 10_000; i++) {
            guard.check();
        }
        assertEquals(atStart, probes.get(), "no probe within the period");
        usable.set(1);
        clock.addAndGet(SECOND / 2);
        guard.check(); // still the cached value: half a period is not enough
        assertEquals(atStart, probes.get());
        clock.addAndGet(SECOND / 2);
        assertThrows(DiskSpaceLowException.class, guard::check);
        assertThrows(DiskSpaceLowException.class, guard::check);
        assertEquals(atStart + 1, probes.get(), "one probe for the new period");
    }

    @Test
    void aFloorOfZeroNeverRefusesButStillReportsFreeSpace() {
        usable.set(0);
        DiskSpaceGuard guard = guard(0);
        guard.check();
        assertFalse(guard.low());
        assertEquals(0, guard.freeBytes());
    }

    @Test
    void aFailingProbeKeepsTheLastValue() {
        AtomicLong value = new AtomicLong(5 * GIB);
        AtomicInteger calls = new AtomicInteger();
        DiskSpaceGuard guard = new DiskSpaceGuard("/x", () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IOException("statfs failed");
            }
            return value.get();
        }, GIB, clock::get, SECOND);
        clock.addAndGet(2 * SECOND);
        assertEquals(5 * GIB, guard.freeBytes());
        guard.check();
    }

    @Test
    void floorIsTheSmallerOfSizeAndPercentage() {
        assertEquals(GIB, DiskFloor.DEFAULT.floorBytes(100 * GIB), "5% of 100 GiB is 5 GiB: 1 GiB is smaller");
        assertEquals(GIB / 2, DiskFloor.DEFAULT.floorBytes(10 * GIB), "5% of 10 GiB is 512 MiB: smaller than 1 GiB");
        assertEquals(0, DiskFloor.NONE.floorBytes(100 * GIB));
        assertEquals(2 * GIB, DiskFloor.ofBytes(2 * GIB).floorBytes(10 * GIB));
        assertEquals(GIB, DiskFloor.ofPercent(10).floorBytes(10 * GIB));
    }

    @Test
    void thePipelineRefusesAppendsUnderItsFloorAndIsNotReady(@TempDir Path dir) throws IOException {
        PipelineConfig defaults = PipelineConfig.defaults(dir);
        PipelineConfig config = new PipelineConfig(defaults.journal(), defaults.index(), PipelineConfig.DEFAULT_MAX_INDEX_LAG,
                DiskFloor.ofBytes(Long.MAX_VALUE / 2));
        try (EventPipeline pipeline = EventPipeline.open(config)) {
            DiskSpaceLowException refused = assertThrows(DiskSpaceLowException.class,
                    () -> pipeline.append(dev.vigil.ingest.model.EventKind.LOG, java.util.List.of()));
            assertTrue(refused.getMessage().contains(DiskSpaceGuard.SETTING), refused.getMessage());
            assertEquals(0, pipeline.acceptedEvents());
            assertTrue(pipeline.disk().freeBytes() > 0);
        }
    }
}
