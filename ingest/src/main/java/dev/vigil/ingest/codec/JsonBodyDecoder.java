package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.InvalidFieldException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Splits a request body into its JSON objects, hands each to an {@link ItemReader}, and turns
 * every failure into a {@link LineError} on the line where the item starts.
 *
 * <p>Two body shapes are understood: NDJSON (one object per line, blank lines ignored,
 * {@code \r\n} tolerated) and a single JSON array of objects, chosen by whether the first
 * non-whitespace byte is {@code [}.
 *
 * <p>Thread-safe: it holds only the shared, thread-safe {@link JsonFactory}.
 */
final class JsonBodyDecoder {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final JsonFactory factory;

    JsonBodyDecoder(JsonFactory factory) {
        this.factory = factory;
    }

    <T extends Event> Decoded<T> decode(byte[] body, long receivedNanos, ItemReader<T> reader) {
        DecodedBuilder<T> out = new DecodedBuilder<>();
        int first = firstContentByte(body);
        try {
            if (first < body.length && body[first] == '[') {
                decodeArray(body, receivedNanos, reader, out);
            } else {
                decodeLines(body, receivedNanos, reader, out);
            }
        } catch (IOException e) {
            // Parsers over a byte array do no I/O; anything else is a Jackson bug, not a client error.
            throw new UncheckedIOException(e);
        }
        return out.build();
    }

    private <T extends Event> void decodeLines(byte[] body, long receivedNanos, ItemReader<T> reader,
                                               DecodedBuilder<T> out) throws IOException {
        int line = 0;
        int start = 0;
        while (start < body.length) {
            line++;
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            // Each line gets its own parser over the shared array: no copying, no String per line.
            if (!isBlank(body, start, end)) {
                decodeLine(body, start, end - start, line, receivedNanos, reader, out);
            }
            start = end + 1;
        }
    }

    private <T extends Event> void decodeLine(byte[] body, int offset, int length, int line, long receivedNanos,
                                              ItemReader<T> reader, DecodedBuilder<T> out) throws IOException {
        try (JsonParser p = factory.createParser(body, offset, length)) {
            JsonToken token = p.nextToken();
            if (token != JsonToken.START_OBJECT) {
                out.error(line, null, "expected a JSON object, found " + JsonSupport.describe(token));
                return;
            }
            T event = reader.read(p, receivedNanos);
            if (p.nextToken() != null) {
                out.error(line, null, "malformed JSON: more than one JSON value on the line");
                return;
            }
            out.event(event);
        } catch (InvalidFieldException e) {
            out.error(line, e.field(), e.reason());
        } catch (JsonProcessingException e) {
            out.error(line, null, JsonSupport.malformed(e));
        }
    }

    private <T extends Event> void decodeArray(byte[] body, long receivedNanos, ItemReader<T> reader,
                                               DecodedBuilder<T> out) throws IOException {
        int itemLine = 0;
        try (JsonParser p = factory.createParser(body)) {
            p.nextToken();
            JsonStreamContext array = p.getParsingContext();
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                itemLine = p.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    out.error(itemLine, null, "expected a JSON object, found " + JsonSupport.describe(token));
                    p.skipChildren();
                } else {
                    try {
                        out.event(reader.read(p, receivedNanos));
                    } catch (InvalidFieldException e) {
                        out.error(itemLine, e.field(), e.reason());
                        // Already reported; a syntax error further into this item is a problem of its own.
                        itemLine = 0;
                        skipToArrayLevel(p, array);
                    }
                }
                itemLine = 0;
            }
            if (p.nextToken() != null) {
                out.problem(p.currentTokenLocation().getLineNr(), null,
                        "malformed JSON: unexpected content after the closing ']'");
            }
        } catch (JsonProcessingException e) {
            // The array cannot be resynchronised after a syntax error, so decoding stops here.
            JsonLocation at = e.getLocation();
            int errorLine = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
            String message = at == null ? JsonSupport.malformed(e)
                    : JsonSupport.malformed(e) + " (line " + errorLine + ", column " + at.getColumnNr() + ")";
            if (itemLine > 0) {
                out.error(itemLine, null, message);
            } else {
                out.problem(errorLine, null, message);
            }
        }
    }

    /** Skips the rest of an item that failed half way, up to the item's closing brace. */
    private static void skipToArrayLevel(JsonParser p, JsonStreamContext array) throws IOException {
        while (p.getParsingContext() != array) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    private static int firstContentByte(byte[] body) {
        int i = startsWithBom(body) ? UTF8_BOM.length : 0;
        while (i < body.length && isWhitespace(body[i])) {
            i++;
        }
        return i;
    }

    private static boolean startsWithBom(byte[] body) {
        return body.length >= 3 && body[0] == UTF8_BOM[0] && body[1] == UTF8_BOM[1] && body[2] == UTF8_BOM[2];
    }

    private static boolean isBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isWhitespace(body[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
