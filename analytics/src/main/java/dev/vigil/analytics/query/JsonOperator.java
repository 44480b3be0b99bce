package dev.vigil.analytics.query;

import java.io.IOException;
import java.io.StringWriter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * {@code json}: when the field holds a JSON object, sets each member as a field, nested objects
 * flattened with dots ({@code {"user":{"id":7}}} gives {@code user.id = 7}); arrays stay JSON
 * text. A value that is not a JSON object leaves the row unchanged.
 */
final class JsonOperator extends Operator {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_DEPTH = 16;

    private final String source;

    JsonOperator(Stage.Json stage, Operator next) {
        super(next);
        this.source = stage.source();
    }

    @Override
    void push(Row row) {
        Object value = row.get(source);
        if (value instanceof String text) {
            String trimmed = text.strip();
            if (trimmed.startsWith("{")) {
                try (JsonParser parser = FACTORY.createParser(trimmed)) {
                    if (parser.nextToken() == JsonToken.START_OBJECT) {
                        object(parser, "", row, 0);
                    }
                } catch (IOException e) {
                    // Not JSON after all (or cut short): what was read before the problem stays set.
                }
            }
        }
        next.push(row);
    }

    private static void object(JsonParser parser, String prefix, Row row, int depth) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonToken token = parser.nextToken();
            switch (token) {
                case START_OBJECT -> {
                    if (depth < MAX_DEPTH) {
                        object(parser, name + ".", row, depth + 1);
                    } else {
                        row.set(name, structure(parser));
                    }
                }
                case START_ARRAY -> row.set(name, structure(parser));
                case VALUE_STRING -> row.set(name, parser.getText());
                case VALUE_NUMBER_INT -> row.set(name, parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getText() : parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> row.set(name, parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> row.set(name, parser.getText());
                default -> {
                    // JSON null: the field stays unset.
                }
            }
        }
    }

    private static String structure(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.copyCurrentStructure(parser);
        }
        return out.toString();
    }
}
