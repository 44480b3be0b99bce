package dev.vigil.ingest.otlp;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * A small JSON tree (maps, lists, strings, {@link BigDecimal}s, booleans) read with Jackson's
 * streaming parser, and the typed accessors OTLP/JSON needs. Keys are normalised to lowerCamelCase
 * so that the original proto field names ({@code time_unix_nano}) are accepted too, as proto3 JSON
 * parsers must. Every accessor failure names the JSON path.
 */
final class JsonTree {
    static final int MAX_DEPTH = 64;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 8).build()).build();

    private JsonTree() {
    }

    static Map<String, Object> parseObject(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new OtlpFormatException("request body is empty; expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new OtlpFormatException("request body must be a JSON object, got " + describe(first));
            }
            Object root = read(parser, first, 0);
            if (parser.nextToken() != null) {
                throw new OtlpFormatException("unexpected content after the JSON object at offset "
                        + parser.currentTokenLocation().getCharOffset());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) root;
            return map;
        } catch (JsonProcessingException e) {
            throw new OtlpFormatException("invalid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new OtlpFormatException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new OtlpFormatException("JSON is nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = camel(parser.currentName());
                    map.put(key, read(parser, parser.nextToken(), depth + 1));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next, depth + 1));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return new BigDecimal(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new OtlpFormatException("unexpected JSON token " + token);
        }
    }

    /** {@code time_unix_nano} → {@code timeUnixNano}; lowerCamelCase keys are unchanged. */
    static String camel(String key) {
        if (key.indexOf('_') < 0) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    static String typeOf(Object value) {
        if (value instanceof Map) {
            return "an object";
        } else if (value instanceof List) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof BigDecimal) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        }
        return "null";
    }

    private static OtlpFormatException wrong(String path, String expected, Object value) {
        return new OtlpFormatException(path + " must be " + expected + ", got " + typeOf(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String path) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw wrong(path, "an object", value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw wrong(path, "an array", value);
        }
        return (List<Object>) value;
    }

    static String string(Object value, String path) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw wrong(path, "a string", value);
        }
        return s;
    }

    static boolean bool(Object value, String path) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw wrong(path, "a boolean", value);
        }
        return b;
    }

    private static BigInteger integer(Object value, String path, String expected) {
        try {
            if (value instanceof String s) {
                return new BigDecimal(s.trim()).toBigIntegerExact();
            }
            if (value instanceof BigDecimal d) {
                return d.toBigIntegerExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new OtlpFormatException(path + " must be " + expected + ", got '" + value + "'");
        }
        throw wrong(path, expected + " (a number or a decimal string)", value);
    }

    /** uint64 / fixed64: 0 ≤ v < 2^64, returned with the same bits in a {@code long}. */
    static long uint64(Object value, String path) {
        if (value == null) {
            return 0;
        }
        BigInteger v = integer(value, path, "an unsigned 64-bit integer");
        if (v.signum() < 0 || v.compareTo(TWO_64) >= 0) {
            throw new OtlpFormatException(path + " must be an unsigned 64-bit integer, got " + v);
        }
        return v.longValue();
    }

    static long int64(Object value, String path) {
        if (value == null) {
            return 0;
        }
        BigInteger v = integer(value, path, "a 64-bit integer");
        if (v.bitLength() > 63) {
            throw new OtlpFormatException(path + " is out of the 64-bit integer range: " + v);
        }
        return v.longValue();
    }

    static int int32(Object value, String path) {
        if (value == null) {
            return 0;
        }
        BigInteger v = integer(value, path, "a 32-bit integer");
        if (v.bitLength() > 31) {
            throw new OtlpFormatException(path + " is out of the 32-bit integer range: " + v);
        }
        return v.intValue();
    }

    static double dbl(Object value, String path) {
        if (value == null) {
            return 0;
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return new BigDecimal(s.trim()).doubleValue();
                    } catch (NumberFormatException e) {
                        throw new OtlpFormatException(path + " must be a number, got '" + s + "'");
                    }
            }
        }
        throw wrong(path, "a number", value);
    }

    /** Trace and span ids are hex in OTLP/JSON (not base64 as proto3 JSON would have them). */
    static byte[] hexId(Object value, String path, int bytes) {
        String text = string(value, path);
        if (text.isEmpty()) {
            return new byte[0];
        }
        if (text.length() != bytes * 2) {
            throw new ItemRejectedException(path + " must be " + bytes * 2 + " hex digits, got '" + abbreviate(text) + "'");
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new ItemRejectedException(path + " must be " + bytes * 2 + " hex digits, got '" + abbreviate(text) + "'");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    static byte[] base64(Object value, String path) {
        String text = string(value, path);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e2) {
                throw new OtlpFormatException(path + " must be base64: " + e.getMessage());
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
