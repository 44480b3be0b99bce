package dev.vigil.ingest.gelf;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reassembles chunked GELF UDP messages. A chunk is {@code 1e 0f}, an 8-byte message id, a 1-byte
 * sequence number, a 1-byte sequence count (at most {@value #MAX_CHUNKS}), then the data. Chunks
 * may arrive in any order; duplicates are ignored. Pending messages are bounded in number, in
 * bytes and in time: {@link #expire(long)} drops the ones not completed within the timeout.
 * Thread-safe (synchronized): datagrams and the expiry timer may run on different threads.
 */
public final class GelfChunkAssembler {
    public static final int MAX_CHUNKS = 128;
    public static final int HEADER = 12;

    private final long timeoutNanos;
    private final int maxPendingMessages;
    private final long maxPendingBytes;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private long pendingBytes;

    /** What one chunk did. */
    public enum Outcome { COMPLETE, PENDING, DUPLICATE }

    /** @param message the whole (still possibly compressed) payload when {@code outcome} is COMPLETE */
    public record Offer(Outcome outcome, byte[] message) {
    }

    private static final class Pending {
        final byte[][] parts;
        final long firstNanos;
        int received;
        long bytes;

        Pending(int count, long firstNanos) {
            this.parts = new byte[count][];
            this.firstNanos = firstNanos;
        }
    }

    public GelfChunkAssembler(long timeoutNanos, int maxPendingMessages, long maxPendingBytes) {
        this.timeoutNanos = timeoutNanos;
        this.maxPendingMessages = maxPendingMessages;
        this.maxPendingBytes = maxPendingBytes;
    }

    public static boolean isChunk(byte[] datagram) {
        return datagram.length >= 2 && (datagram[0] & 0xff) == 0x1e && (datagram[1] & 0xff) == 0x0f;
    }

    /**
     * @throws GelfException {@code bad_chunk} for a malformed header, {@code too_many_chunks} for a
     *                       count above 128, {@code reassembly_full} when the pending limits are reached
     */
    public synchronized Offer offer(byte[] datagram, long nowNanos) {
        if (datagram.length < HEADER) {
            throw new GelfException("bad_chunk", null, "chunk of " + datagram.length + " bytes is shorter than the "
                    + HEADER + "-byte chunk header");
        }
        long id = 0;
        for (int i = 2; i < 10; i++) {
            id = (id << 8) | (datagram[i] & 0xff);
        }
        int seq = datagram[10] & 0xff;
        int count = datagram[11] & 0xff;
        if (count == 0) {
            throw new GelfException("bad_chunk", null, "chunk sequence count is 0");
        }
        if (count > MAX_CHUNKS) {
            Pending dropped = pending.remove(id);
            if (dropped != null) {
                pendingBytes -= dropped.bytes;
            }
            throw new GelfException("too_many_chunks", null, "message has " + count + " chunks; GELF allows at most " + MAX_CHUNKS);
        }
        if (seq >= count) {
            throw new GelfException("bad_chunk", null, "chunk sequence number " + seq + " is not below the count " + count);
        }
        int length = datagram.length - HEADER;
        Pending message = pending.get(id);
        if (message == null) {
            if (count == 1) {
                return new Offer(Outcome.COMPLETE, java.util.Arrays.copyOfRange(datagram, HEADER, datagram.length));
            }
            if (pending.size() >= maxPendingMessages || pendingBytes + length > maxPendingBytes) {
                throw new GelfException("reassembly_full", null, "too many chunked messages pending reassembly ("
                        + pending.size() + " messages, " + pendingBytes + " bytes; limits " + maxPendingMessages + ", "
                        + maxPendingBytes + ")");
            }
            message = new Pending(count, nowNanos);
            pending.put(id, message);
        } else if (message.parts.length != count) {
            throw new GelfException("bad_chunk", null, "chunk says " + count + " chunks but message " + Long.toHexString(id)
                    + " has " + message.parts.length);
        } else if (message.parts[seq] != null) {
            return new Offer(Outcome.DUPLICATE, null);
        } else if (pendingBytes + length > maxPendingBytes) {
            pending.remove(id);
            pendingBytes -= message.bytes;
            throw new GelfException("reassembly_full", null, "chunked messages pending reassembly exceed "
                    + maxPendingBytes + " bytes; message dropped");
        }
        message.parts[seq] = java.util.Arrays.copyOfRange(datagram, HEADER, datagram.length);
        message.received++;
        message.bytes += length;
        pendingBytes += length;
        if (message.received < count) {
            return new Offer(Outcome.PENDING, null);
        }
        pending.remove(id);
        pendingBytes -= message.bytes;
        byte[] whole = new byte[(int) message.bytes];
        int at = 0;
        for (byte[] part : message.parts) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        return new Offer(Outcome.COMPLETE, whole);
    }

    /** Drops messages first seen more than the timeout before {@code nowNanos}; returns how many. */
    public synchronized int expire(long nowNanos) {
        int dropped = 0;
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending message = it.next();
            if (nowNanos - message.firstNanos < timeoutNanos) {
                break; // insertion order is arrival order
            }
            it.remove();
            pendingBytes -= message.bytes;
            dropped++;
        }
        return dropped;
    }

    public synchronized int pendingMessages() {
        return pending.size();
    }

    public synchronized long pendingBytes() {
        return pendingBytes;
    }
}
