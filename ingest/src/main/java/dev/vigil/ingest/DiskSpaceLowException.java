package dev.vigil.ingest;

/**
 * The journal's disk has less free space than the configured floor: nothing more is accepted until
 * space returns. Receivers answer it as they answer back-pressure (retry later).
 */
public final class DiskSpaceLowException extends RuntimeException {
    private final long freeBytes;
    private final long floorBytes;

    public DiskSpaceLowException(String message, long freeBytes, long floorBytes) {
        super(message);
        this.freeBytes = freeBytes;
        this.floorBytes = floorBytes;
    }

    public long freeBytes() {
        return freeBytes;
    }

    public long floorBytes() {
        return floorBytes;
    }
}
