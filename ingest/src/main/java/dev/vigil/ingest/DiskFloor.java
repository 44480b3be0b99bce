package dev.vigil.ingest;

import java.util.Locale;

/**
 * How much free space the journal's disk must keep: an absolute size, a percentage of the disk, or
 * both (the smaller wins). {@link #NONE} turns the check off. Immutable.
 *
 * @param bytes   absolute floor, or {@code -1} for none
 * @param percent floor as a percentage of the file store's total size, or {@code -1} for none
 */
public record DiskFloor(long bytes, double percent) {
    /** No floor: appends are never refused for lack of disk space. */
    public static final DiskFloor NONE = new DiskFloor(0, -1);
    /** The server default: 1 GiB or 5% of the disk, whichever is smaller. */
    public static final DiskFloor DEFAULT = new DiskFloor(1L << 30, 5);

    public DiskFloor {
        if (bytes < -1) {
            throw new IllegalArgumentException("a disk floor must not be negative, was " + bytes);
        }
        if (!(percent == -1 || (percent >= 0 && percent <= 100))) {
            throw new IllegalArgumentException("a disk floor percentage must be between 0 and 100, was " + percent);
        }
        if (bytes == -1 && percent == -1) {
            throw new IllegalArgumentException("a disk floor needs a size or a percentage");
        }
    }

    public static DiskFloor ofBytes(long bytes) {
        return new DiskFloor(bytes, -1);
    }

    public static DiskFloor ofPercent(double percent) {
        return new DiskFloor(-1, percent);
    }

    /** The floor in bytes for a file store of {@code totalBytes}; 0 means no floor. */
    public long floorBytes(long totalBytes) {
        long fromPercent = percent < 0 ? Long.MAX_VALUE : (long) (totalBytes * (percent / 100.0));
        long fromBytes = bytes < 0 ? Long.MAX_VALUE : bytes;
        return Math.min(fromPercent, fromBytes);
    }

    @Override
    public String toString() {
        if (bytes >= 0 && percent >= 0) {
            return DiskSpaceGuard.humanBytes(bytes) + " or " + percent(percent) + " of the disk, whichever is smaller";
        }
        return bytes >= 0 ? DiskSpaceGuard.humanBytes(bytes) : percent(percent) + " of the disk";
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? (long) value + "%" : String.format(Locale.ROOT, "%.2f%%", value);
    }
}
