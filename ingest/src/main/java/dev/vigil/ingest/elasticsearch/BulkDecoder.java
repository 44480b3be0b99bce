package dev.vigil.ingest.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.LogEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the NDJSON body of an Elasticsearch {@code _bulk} request into log events.
 *
 * <p>Lines are read positionally as Elasticsearch does: an action line ({@code {"index":{..}}},
 * {@code {"create":{..}}}, {@code {"update":{..}}} or {@code {"delete":{..}}}), then, except for
 * {@code delete}, the source line. Blank lines where an action is expected are skipped;
 * {@code \r\n} is tolerated. Action metadata: {@code _index}, {@code _id}; other keys
 * ({@code _type}, {@code routing}, {@code pipeline}, ...) are accepted and ignored.
 *
 * <p>Whole-request errors ({@link BulkFormatException}, answered with a top-level 400 and nothing
 * stored): empty body, body not ending with a newline, an action line that is not JSON or not a
 * single-key object, an unknown action, an index/create/update action without a source line, an
 * item without an index. Item errors (the item is answered with its error, the other items are
 * stored): {@code update} and {@code delete} (Vigil is append-only), an invalid index name or
 * id, a source that is not a JSON object, and a document the event model refuses (named field).
 *
 * <p>Thread-safe: one instance serves all requests.
 */
public final class BulkDecoder {
    static final int MAX_ID_BYTES = 512;

    private final JsonFactory factory = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private final SourceMapper mapper = new SourceMapper(factory);
    private final DocumentIds ids = new DocumentIds();

    /**
     * @param body          the (decompressed) request body
     * @param pathIndex     the index from {@code /{index}/_bulk}, or {@code null}
     * @param receivedNanos the timestamp for documents without one
     * @throws BulkFormatException when the request as a whole is malformed
     */
    public BulkBatch decode(byte[] body, String pathIndex, long receivedNanos) {
        if (body.length == 0) {
            throw new BulkFormatException("parse_exception", "request body is required");
        }
        if (body[body.length - 1] != '\n') {
            throw new BulkFormatException("illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
        }
        List<BulkItem> items = new ArrayList<>();
        int pos = 0;
        int line = 0;
        while (pos < body.length) {
            int end = lineEnd(body, pos);
            line++;
            int actionLine = line;
            int stop = trimEnd(body, pos, end);
            if (isBlank(body, pos, stop)) {
                pos = end + 1;
                continue;
            }
            Action action = action(body, pos, stop, actionLine, pathIndex);
            pos = end + 1;
            int sourceStart = -1;
            int sourceStop = -1;
            if (!action.name.equals("delete")) {
                if (pos >= body.length) {
                    throw new BulkFormatException("illegal_argument_exception", "Malformed action/metadata line [" + actionLine
                            + "]: the [" + action.name + "] action has no source line after it; every index, create and update"
                            + " action must be followed by its document on the next line");
                }
                end = lineEnd(body, pos);
                line++;
                sourceStart = pos;
                sourceStop = trimEnd(body, pos, end);
                pos = end + 1;
            }
            items.add(item(action, body, sourceStart, sourceStop, line, receivedNanos));
        }
        if (items.isEmpty()) {
            throw new BulkFormatException("action_request_validation_exception", "Validation Failed: 1: no requests added;");
        }
        return new BulkBatch(items);
    }

    private BulkItem item(Action action, byte[] body, int start, int stop, int sourceLine, long receivedNanos) {
        String id = action.id == null ? ids.next() : action.id;
        if (action.name.equals("update") || action.name.equals("delete")) {
            return BulkItem.failed(action.name, action.index, id, action.line, 400, "illegal_argument_exception",
                    "the [" + action.name + "] action is not supported: Vigil is append-only and never changes or removes"
                            + " stored events; send documents with [index] or [create]");
        }
        String badIndex = IndexNames.problem(action.index);
        if (badIndex != null) {
            return BulkItem.failed(action.name, action.index, id, action.line, 400, "invalid_index_name_exception",
                    "Invalid index name [" + EsTimestamps.shorten(action.index) + "], " + badIndex);
        }
        if (action.id != null) {
            if (action.id.isEmpty()) {
                return BulkItem.failed(action.name, action.index, id, action.line, 400, "action_request_validation_exception",
                        "Validation Failed: 1: if _id is specified it must not be empty;");
            }
            int bytes = action.id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_ID_BYTES) {
                return BulkItem.failed(action.name, action.index, EsTimestamps.shorten(action.id), action.line, 400,
                        "action_request_validation_exception", "Validation Failed: 1: id [" + EsTimestamps.shorten(action.id)
                                + "] is too long, must be no longer than 512 bytes but was: " + bytes + ";");
            }
        }
        if (isBlank(body, start, stop)) {
            return documentError(action, id, "failed to parse: the source on line " + sourceLine + " is empty; expected a JSON object");
        }
        try {
            LogEvent event = mapper.map(body, start, stop - start, action.index, id, receivedNanos);
            return BulkItem.ok(action.name, action.index, id, action.line, event);
        } catch (InvalidFieldException e) {
            return documentError(action, id, "failed to parse field [" + e.field() + "] on line " + sourceLine + ": " + e.reason());
        } catch (SourceMapper.NotAnObjectException e) {
            return documentError(action, id, "failed to parse the source on line " + sourceLine + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            return documentError(action, id, "failed to parse the source on line " + sourceLine + ": malformed JSON: " + jsonProblem(e));
        } catch (IOException e) {
            return documentError(action, id, "failed to parse the source on line " + sourceLine + ": " + e.getMessage());
        }
    }

    private static BulkItem documentError(Action action, String id, String reason) {
        return BulkItem.failed(action.name, action.index, id, action.line, 400, "document_parsing_exception", reason);
    }

    private record Action(String name, String index, String id, int line) {
    }

    // What most shippers send when the index is in the URL and ids are left to the server.
    private static final byte[] BARE_CREATE = "{\"create\":{}}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BARE_INDEX = "{\"index\":{}}".getBytes(StandardCharsets.US_ASCII);

    private Action action(byte[] body, int start, int stop, int line, String pathIndex) {
        // The bare actions need no parser; the result is the one the parser below gives them.
        String bare = Arrays.equals(body, start, stop, BARE_CREATE, 0, BARE_CREATE.length) ? "create"
                : Arrays.equals(body, start, stop, BARE_INDEX, 0, BARE_INDEX.length) ? "index" : null;
        if (bare != null) {
            return checkedIndex(bare, pathIndex, null, line);
        }
        String prefix = "Malformed action/metadata line [" + line + "], ";
        try (JsonParser p = factory.createParser(body, start, stop - start)) {
            JsonToken token = p.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw malformed(prefix + "expected START_OBJECT but found [" + tokenName(token) + "]");
            }
            token = p.nextToken();
            if (token != JsonToken.FIELD_NAME) {
                throw malformed(prefix + "expected FIELD_NAME but found [" + tokenName(token) + "]");
            }
            String name = p.currentName();
            if (!name.equals("index") && !name.equals("create") && !name.equals("update") && !name.equals("delete")) {
                throw malformed(prefix + "expected field [create], [delete], [index] or [update] but found ["
                        + EsTimestamps.shorten(name) + "]");
            }
            token = p.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw malformed(prefix + "expected START_OBJECT but found [" + tokenName(token) + "]");
            }
            String index = pathIndex;
            String id = null;
            String key;
            while ((key = p.nextFieldName()) != null) {
                token = p.nextToken();
                switch (key) {
                    case "_index" -> index = scalar(p, token, prefix, key);
                    case "_id" -> id = scalar(p, token, prefix, key);
                    default -> p.skipChildren();
                }
            }
            token = p.nextToken();
            if (token != JsonToken.END_OBJECT) {
                throw malformed(prefix + "expected END_OBJECT but found [" + tokenName(token) + "]");
            }
            token = p.nextToken();
            if (token != null) {
                throw malformed(prefix + "expected the end of the line after the action but found [" + tokenName(token) + "]");
            }
            return checkedIndex(name, index, id, line);
        } catch (JsonProcessingException e) {
            throw new BulkFormatException("x_content_parse_exception", prefix + "not valid JSON: " + jsonProblem(e));
        } catch (IOException e) {
            throw new BulkFormatException("x_content_parse_exception", prefix + e.getMessage());
        }
    }

    private static Action checkedIndex(String name, String index, String id, int line) {
        if (index == null || index.isEmpty()) {
            throw new BulkFormatException("action_request_validation_exception", "Validation Failed: 1: index is missing for the ["
                    + name + "] action on line " + line + "; give _index in the action or post to /{index}/_bulk;");
        }
        return new Action(name, index, id, line);
    }

    private static String scalar(JsonParser p, JsonToken token, String prefix, String key) throws IOException {
        return switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT -> p.getText();
            case VALUE_NULL -> null;
            default -> throw malformed(prefix + "[" + key + "] must be a string but found [" + tokenName(token) + "]");
        };
    }

    private static BulkFormatException malformed(String reason) {
        return new BulkFormatException("illegal_argument_exception", reason);
    }

    private static String tokenName(JsonToken token) {
        return token == null ? "end of line" : token.name();
    }

    /** Jackson's own message, one line, no source echo, no location dump. */
    static String jsonProblem(JsonProcessingException e) {
        String reported = e.getOriginalMessage();
        if (reported == null) {
            return "unreadable input";
        }
        int cut = reported.indexOf('\n');
        if (cut >= 0) {
            reported = reported.substring(0, cut);
        }
        cut = reported.indexOf(" (start marker at");
        if (cut >= 0) {
            reported = reported.substring(0, cut);
        }
        return reported.length() > 160 ? reported.substring(0, 160) + "..." : reported;
    }

    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private static int trimEnd(byte[] body, int from, int end) {
        return end > from && body[end - 1] == '\r' ? end - 1 : end;
    }

    private static boolean isBlank(byte[] body, int from, int stop) {
        for (int i = from; i < stop; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
