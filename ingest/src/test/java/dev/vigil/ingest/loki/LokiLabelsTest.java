package dev.vigil.ingest.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LokiLabelsTest {
    @Test
    void parsesLabelsInOrderWithSpacesAndTrailingComma() {
        Map<String, String> labels = LokiLabels.parse(" { app = \"api\",env=\"prod\" , _x9=\"\", } ");
        assertEquals(List.of("app", "env", "_x9"), List.copyOf(labels.keySet()));
        assertEquals("api", labels.get("app"));
        assertEquals("prod", labels.get("env"));
        assertEquals("", labels.get("_x9"));
    }

    @Test
    void decodesGoEscapesAndOtherQuotes() {
        Map<String, String> labels = LokiLabels.parse("{a=\"q\\\"b\\\\s\\nn\\tt\", b='it\\'s', c=`raw\\n`, d=\"\\u00e9\\U0001F600\\x41\"}");
        assertEquals("q\"b\\s\nn\tt", labels.get("a"));
        assertEquals("it's", labels.get("b"));
        assertEquals("raw\\n", labels.get("c"));
        assertEquals("\u00e9\uD83D\uDE00A", labels.get("d"));
    }

    @Test
    void acceptsUnicodeValuesAsIs() {
        assertEquals("Zürich ✓", LokiLabels.parse("{city=\"Zürich ✓\"}").get("city"));
    }

    @Test
    void refusesMalformedLabelStringsNamingThePosition() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("", "empty");
        cases.put("app=\"x\"", "expected '{'");
        cases.put("{app=\"x\"", "not closed with '}'");
        cases.put("{app=\"x}", "not closed with \"");
        cases.put("{app=x}", "expected a quoted label value");
        cases.put("{app!=\"x\"}", "only '='");
        cases.put("{app=~\"x\"}", "only '='");
        cases.put("{9app=\"x\"}", "expected a label name");
        cases.put("{a.b=\"x\"}", "expected '='");
        cases.put("{app=\"x\" env=\"y\"}", "expected ',' or '}'");
        cases.put("{app=\"x\",app=\"y\"}", "duplicate label name 'app'");
        cases.put("{app=\"\\q\"}", "unknown escape sequence \\q");
        cases.put("{app=\"\\u12\"}", "4 hex digits");
        cases.put("{app=\"\\xff\"}", "not be valid UTF-8");
        cases.put("{app=\"\\uD800\"}", "not a valid Unicode code point");
        cases.put("{app=\"x\"} trailing", "unexpected text after '}'");
        cases.put("{app=\"x\\", "escape sequence at the end");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            LokiLabels.LabelSyntaxException e = assertThrows(LokiLabels.LabelSyntaxException.class, () -> LokiLabels.parse(c.getKey()),
                    () -> "should refuse " + c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()) && e.getMessage().contains("at character"),
                    () -> c.getKey() + " -> " + e.getMessage());
        }
    }

    @Test
    void emptyLabelSetParsesToNoLabels() {
        assertTrue(LokiLabels.parse("{}").isEmpty());
    }

    @Test
    void validNames() {
        assertTrue(LokiLabels.validName("service_name"));
        assertTrue(LokiLabels.validName("_a1"));
        assertEquals(false, LokiLabels.validName("1a"));
        assertEquals(false, LokiLabels.validName("a-b"));
        assertEquals(false, LokiLabels.validName(""));
    }
}
