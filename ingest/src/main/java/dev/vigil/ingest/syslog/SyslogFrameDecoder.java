package dev.vigil.ingest.syslog;

import java.util.Arrays;

/**
 * Splits a syslog TCP stream into messages (RFC 6587), deciding the framing per frame by its first
 * byte: a digit starts octet counting ({@code LEN SP MSG}), {@code '<'} starts a newline-terminated
 * message (non-transparent framing, a trailing CR is dropped). Blank lines between frames are
 * skipped. Anything else cannot be resynchronised: {@link #feed} throws
 * {@link SyslogFramingException} and the caller should close the connection.
 *
 * <p>A frame longer than {@code maxFrameBytes} is skipped, not buffered (octet counting: the declared
 * length; newline framing: up to the next LF), and reported to {@link Sink#tooLong}; framing stays
 * in sync. Not thread-safe: one decoder per connection.
 */
public final class SyslogFrameDecoder {
    /** Receives what the decoder finds, in stream order. */
    public interface Sink {
        void frame(byte[] message);

        /** A frame over the limit was skipped; {@code length} is its declared or observed length so far. */
        void tooLong(long length, int maxFrameBytes);
    }

    private enum State { START, LENGTH, OCTETS, SKIP_OCTETS, LINE, SKIP_LINE }

    private static final int MAX_LENGTH_DIGITS = 10;

    private final int maxFrameBytes;
    private State state = State.START;
    private long length;
    private int lengthDigits;
    private long remaining;
    private byte[] buffer = new byte[256];
    private int size;
    private long offset;

    public SyslogFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 480) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 480 (RFC 5424 section 6.1)");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Decodes {@code data[from, to)}, calling {@code sink} for every complete frame. */
    public void feed(byte[] data, int from, int to, Sink sink) {
        int i = from;
        while (i < to) {
            switch (state) {
                case START -> {
                    byte b = data[i];
                    if (b == '\n' || b == '\r' || b == ' ' || b == 0) {
                        i++;
                    } else if (b >= '1' && b <= '9') {
                        state = State.LENGTH;
                        length = b - '0';
                        lengthDigits = 1;
                        i++;
                    } else if (b == '<') {
                        state = State.LINE;
                        size = 0;
                    } else {
                        throw new SyslogFramingException("bad framing at byte " + (offset + i - from) + ": a frame must start with "
                                + "a digit (octet counting 'LEN SP MSG') or '<' (newline framing), got " + describe(b));
                    }
                }
                case LENGTH -> {
                    byte b = data[i];
                    if (b >= '0' && b <= '9') {
                        if (++lengthDigits > MAX_LENGTH_DIGITS) {
                            throw new SyslogFramingException("bad framing: octet count is longer than " + MAX_LENGTH_DIGITS + " digits");
                        }
                        length = length * 10 + (b - '0');
                        i++;
                    } else if (b == ' ') {
                        i++;
                        remaining = length;
                        if (length > maxFrameBytes) {
                            state = State.SKIP_OCTETS;
                        } else {
                            state = State.OCTETS;
                            size = 0;
                            ensure((int) length);
                        }
                    } else {
                        throw new SyslogFramingException("bad framing: octet count " + length + " must be followed by a space, got "
                                + describe(b));
                    }
                }
                case OCTETS -> {
                    int n = (int) Math.min(remaining, to - i);
                    System.arraycopy(data, i, buffer, size, n);
                    size += n;
                    remaining -= n;
                    i += n;
                    if (remaining == 0) {
                        state = State.START;
                        sink.frame(Arrays.copyOf(buffer, size));
                        shrink();
                    }
                }
                case SKIP_OCTETS -> {
                    int n = (int) Math.min(remaining, to - i);
                    remaining -= n;
                    i += n;
                    if (remaining == 0) {
                        state = State.START;
                        sink.tooLong(length, maxFrameBytes);
                    }
                }
                case LINE -> {
                    int lf = indexOf(data, i, to, (byte) '\n');
                    int end = lf < 0 ? to : lf;
                    int n = end - i;
                    if ((long) size + n > maxFrameBytes) {
                        length = (long) size + n;
                        size = 0;
                        shrink();
                        if (lf < 0) {
                            state = State.SKIP_LINE;
                            i = to;
                        } else {
                            state = State.START;
                            i = lf + 1;
                            sink.tooLong(length, maxFrameBytes);
                        }
                    } else {
                        ensure(size + n);
                        System.arraycopy(data, i, buffer, size, n);
                        size += n;
                        i = end;
                        if (lf >= 0) {
                            i++;
                            state = State.START;
                            int frameEnd = size > 0 && buffer[size - 1] == '\r' ? size - 1 : size;
                            sink.frame(Arrays.copyOf(buffer, frameEnd));
                            size = 0;
                            shrink();
                        }
                    }
                }
                case SKIP_LINE -> {
                    int lf = indexOf(data, i, to, (byte) '\n');
                    if (lf < 0) {
                        length += to - i;
                        i = to;
                    } else {
                        length += lf - i;
                        i = lf + 1;
                        state = State.START;
                        sink.tooLong(length, maxFrameBytes);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        offset += to - from;
    }

    /**
     * The stream ended. A newline-framed message without its final LF is delivered (it is complete
     * as far as the sender is concerned); a cut octet-counted frame is not.
     *
     * @return null when the stream ended cleanly, else what was cut off
     */
    public String finish(Sink sink) {
        State ended = state;
        state = State.START;
        switch (ended) {
            case LINE -> {
                int frameEnd = size > 0 && buffer[size - 1] == '\r' ? size - 1 : size;
                sink.frame(Arrays.copyOf(buffer, frameEnd));
                size = 0;
                return null;
            }
            case SKIP_LINE -> {
                sink.tooLong(length, maxFrameBytes);
                return null;
            }
            case LENGTH -> {
                return "truncated frame: the stream ended inside the octet count " + length;
            }
            case OCTETS, SKIP_OCTETS -> {
                return "truncated frame: octet count " + length + " but the stream ended after " + (length - remaining) + " bytes";
            }
            default -> {
                return null;
            }
        }
    }

    private void ensure(int capacity) {
        if (buffer.length < capacity) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, Math.min(maxFrameBytes, buffer.length * 2)));
        }
    }

    private void shrink() {
        if (buffer.length > 64 * 1024) {
            buffer = new byte[256];
        }
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(byte b) {
        int v = b & 0xff;
        return v >= 33 && v < 127 ? "'" + (char) v + "'" : String.format("byte 0x%02x", v);
    }
}
