package dev.vigil.analytics.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.metrics.LabelMatcher;
import dev.vigil.ingest.metrics.LabelMatcher.Op;
import org.junit.jupiter.api.Test;

class SeriesSelectorTest {

    /** LabelMatcher holds a compiled Pattern (identity equality), so compare its text form. */
    private static List<String> matchers(SeriesSelector selector) {
        List<String> out = new ArrayList<>();
        for (LabelMatcher m : selector.matchers()) {
            out.add(m.name() + " " + m.op() + " " + m.value());
        }
        return out;
    }

    private static void assertPosition(String text, int position) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse(text));
        assertTrue(e.getMessage().contains("position " + position + ":"), text + " -> " + e.getMessage());
    }

    @Test
    void bareNames() {
        SeriesSelector s = SeriesSelector.parse("http_requests_total");
        assertEquals("http_requests_total", s.name());
        assertEquals(List.of(), s.matchers());
        assertEquals("job:request_rate:5m", SeriesSelector.parse("job:request_rate:5m").name());
        assertEquals("_x9", SeriesSelector.parse("  _x9  ").name());
        assertEquals("m", SeriesSelector.parse("m{}").name());
    }

    @Test
    void allFourOperators() {
        SeriesSelector s = SeriesSelector.parse(
                "http_requests_total{service=\"checkout\", code!=\"200\",route=~\"/api/.*\" , env!~'dev|test'}");
        assertEquals("http_requests_total", s.name());
        assertEquals(List.of("service EQ checkout", "code NEQ 200", "route RE /api/.*", "env NRE dev|test"), matchers(s));
        LabelMatcher re = s.matchers().get(2);
        assertTrue(re.matches("/api/checkout"));
        assertTrue(!re.matches("x/api/checkout"), "regexes are anchored");
        assertTrue(!s.matchers().get(3).matches("dev"));
        assertTrue(s.matchers().get(3).matches("prod"));
    }

    @Test
    void spacesAndATrailingCommaAreAllowed() {
        SeriesSelector s = SeriesSelector.parse("m{ a = \"b\" ,\tc=\"d\", }");
        assertEquals(List.of("a EQ b", "c EQ d"), matchers(s));
    }

    @Test
    void escapesInValues() {
        SeriesSelector s = SeriesSelector.parse("m{path=\"a\\\"b\\\\c\", msg=\"x\\ny\", q='it\\'s'}");
        assertEquals("a\"b\\c", s.matchers().get(0).value());
        assertEquals("x\ny", s.matchers().get(1).value());
        assertEquals("it's", s.matchers().get(2).value());
    }

    @Test
    void valuesMayHoldCommasBracesAndTheOtherQuote() {
        SeriesSelector s = SeriesSelector.parse("m{a=\"x,y}\", b='say \"hi\"', c=\"{\"}");
        assertEquals(List.of("a EQ x,y}", "b EQ say \"hi\"", "c EQ {"), matchers(s));
    }

    @Test
    void dunderNameSetsTheMetricName() {
        SeriesSelector s = SeriesSelector.parse("{__name__=\"up\", job=\"api\"}");
        assertEquals("up", s.name());
        assertEquals(List.of("job EQ api"), matchers(s));
        // A regex on the name cannot be a name: it stays a matcher.
        SeriesSelector re = SeriesSelector.parse("{__name__=~\"http_.*\"}");
        assertNull(re.name());
        assertEquals(List.of("__name__ RE http_.*"), matchers(re));
        // With a name already given, __name__ is just another matcher.
        SeriesSelector both = SeriesSelector.parse("up{__name__=\"down\"}");
        assertEquals("up", both.name());
        assertEquals(List.of("__name__ EQ down"), matchers(both));
    }

    @Test
    void labelMatchersAloneSelect() {
        SeriesSelector s = SeriesSelector.parse("{service=\"checkout\"}");
        assertNull(s.name());
        assertEquals(List.of("service EQ checkout"), matchers(s));
    }

    @Test
    void errorsNameTheirPosition() {
        assertPosition("m{a=\"b\"", 1);              // no closing brace
        assertPosition("m x", 1);                     // junk after the name
        assertPosition("9lives", 0);                  // names cannot start with a digit
        assertPosition("m{a~\"b\"}", 3);             // unknown operator
        assertPosition("m{a=b}", 4);                  // unquoted value
        assertPosition("m{a=\"b\" c=\"d\"}", 8);     // missing comma
        assertPosition("m{=\"b\"}", 2);               // missing label name
        assertPosition("m{a=\"b}", 6);                // unterminated value
        assertPosition("m{a=\"b\\\"}", 8);            // escaped quote leaves it unterminated
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse(null));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> SeriesSelector.parse("{}"));
        IllegalArgumentException badRegex = assertThrows(IllegalArgumentException.class,
                () -> SeriesSelector.parse("m{a=~\"(\"}"));
        assertTrue(badRegex.getMessage().contains("regex"), badRegex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SeriesSelector(null, List.of()));
    }

    @Test
    void theSelectorMatchesAsPromQLDoes() {
        LabelMatcher notProd = SeriesSelector.parse("m{env!=\"prod\"}").matchers().get(0);
        assertTrue(notProd.matches(null), "a missing label is the empty string");
        assertEquals(Op.NEQ, notProd.op());
        assertTrue(SeriesSelector.parse("m{env=\"\"}").matchers().get(0).matches(null));
    }
}
