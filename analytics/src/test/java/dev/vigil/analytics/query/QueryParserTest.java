package dev.vigil.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.vigil.analytics.search.QuerySyntaxException;
import org.junit.jupiter.api.Test;

class QueryParserTest {
    private final QueryParser parser = new QueryParser();

    @Test
    void splitsTheSearchFromThePipelineAndReadsEveryStage() {
        PipelineQuery query = parser.parse("level:error AND service:checkout | stats count() by template, host | sort -count | limit 10");
        assertEquals("level:error AND service:checkout ", query.search());
        assertEquals(3, query.stages().size());
        Stage.Stats stats = assertInstanceOf(Stage.Stats.class, query.stages().get(0));
        assertEquals(List.of("template", "host"), stats.groupBy());
        assertEquals(Aggregation.Function.COUNT, stats.aggregations().get(0).function());
        assertEquals("count", stats.aggregations().get(0).name());
        assertEquals(List.of(new Stage.SortKey("count", true)), ((Stage.Sort) query.stages().get(1)).keys());
        assertEquals(10, ((Stage.Limit) query.stages().get(2)).count());
    }

    @Test
    void aggregationsHaveDefaultAndAliasNames() {
        Stage.Stats stats = (Stage.Stats) parser.parse("| stats p95(duration_ms), p99(duration_ms) as slowest, dc(user) by route")
                .stages().get(0);
        assertEquals("p95(duration_ms)", stats.aggregations().get(0).name());
        assertEquals("slowest", stats.aggregations().get(1).name());
        assertEquals(Aggregation.Function.DISTINCT_COUNT, stats.aggregations().get(2).function());
        assertEquals("distinct_count(user)", stats.aggregations().get(2).name());
        // An aggregate column can be sorted on by its default name.
        Stage.Sort sort = (Stage.Sort) parser.parse("| stats p95(duration_ms) by route | sort -p95(duration_ms)").stages().get(1);
        assertEquals("p95(duration_ms)", sort.keys().get(0).field());
    }

    @Test
    void timechartReadsTheSpan() {
        Stage.Timechart chart = (Stage.Timechart) parser.parse("| timechart span=1m count() by service").stages().get(0);
        assertEquals(Duration.ofMinutes(1), chart.span());
        assertEquals(List.of("service"), chart.groupBy());
        assertEquals(null, ((Stage.Timechart) parser.parse("|timechart count()").stages().get(0)).span());
    }

    @Test
    void parseWhereFieldsRenameJson() {
        PipelineQuery query = parser.parse("service:auth | parse \"user=<user> took <ms>ms\" | where ms > 500 and not user = \"bob\""
                + " | rename user as who | fields who, ms | json payload");
        Stage.Parse parse = (Stage.Parse) query.stages().get(0);
        assertEquals(List.of("user", "ms"), parse.names());
        assertEquals("message", parse.source());
        assertInstanceOf(Expression.And.class, ((Stage.Where) query.stages().get(1)).condition());
        assertEquals(List.of("who"), ((Stage.Rename) query.stages().get(2)).to());
        assertEquals(List.of("who", "ms"), ((Stage.Fields) query.stages().get(3)).names());
        assertEquals("payload", ((Stage.Json) query.stages().get(4)).source());
        assertEquals("message", ((Stage.Json) parser.parse("| json").stages().get(0)).source());
    }

    @Test
    void aPipeInsideQuotesOrLuceneOrBelongsToTheSearch() {
        assertEquals("message:\"a | b\" || level:error ", parser.parse("message:\"a | b\" || level:error | limit 5").search());
        assertEquals("no pipeline", parser.parse("no pipeline").search());
        assertTrue(parser.parse("no pipeline").stages().isEmpty());
        assertEquals("", parser.parse("| head").search());
        assertEquals(10, ((Stage.Limit) parser.parse("| head").stages().get(0)).count());
    }

    @Test
    void parsePatternsCaptureShortestTextUpToTheNextLiteral() {
        Stage.Parse parse = (Stage.Parse) parser.parse("| parse \"user=<user> took <ms>ms<_>\"").stages().get(0);
        var matcher = parse.regex().matcher("login: user=alice took 120ms (cache miss)");
        assertTrue(matcher.find());
        assertEquals("alice", matcher.group(1));
        assertEquals("120", matcher.group(2));
    }

    @Test
    void whereEvaluatesNumbersTextAndRegex() {
        MapRow row = new MapRow(new java.util.LinkedHashMap<>(java.util.Map.of("ms", "640", "user", "alice", "level", "error")), 0);
        assertTrue(where("ms > 500").test(row));
        assertTrue(where("ms >= 640 and ms <= 640").test(row));
        assertTrue(!where("ms < 500").test(row));
        assertTrue(where("level = error").test(row));
        assertTrue(where("user ~ \"^al\" or ms = -1").test(row));
        assertTrue(where("not (user = \"bob\")").test(row));
        assertTrue(!where("missing != 3").test(row), "a missing field makes comparisons false");
        assertTrue(where("user").test(row));
        assertTrue(!where("missing").test(row));
    }

    private Expression where(String condition) {
        return ((Stage.Where) parser.parse("| where " + condition).stages().get(0)).condition();
    }

    @Test
    void errorsPointAtTheOffendingCharacter() {
        assertError("level:error | stats cont() by host", 20, "unknown function 'cont'");
        assertError("level:error | stat count()", 14, "unknown stage 'stat'");
        assertError("| stats count() by", 18, "expected a field to group by");
        assertError("| stats p95() by route", 12, "p95 needs a field");
        assertError("| stats count( by route", 15, "expected ')'");
        assertError("| limit ten", 8, "limit needs a whole number");
        assertError("| limit 0", 8, "from 1 to 10000");
        assertError("| limit 10 20", 11, "separate stages with |");
        assertError("| sort", 6, "expected a field to sort by");
        assertError("|", 1, "expected a stage name");
        assertError("a || b | | stats count()", 9, "expected a stage name");
        assertError("| parse \"user=<user>", 8, "unterminated string");
        assertError("| parse user", 8, "quoted pattern");
        assertError("| parse \"a <x><y> b\"", 14, "not separated by literal text");
        assertError("| parse \"no captures\"", 9, "no <name> capture");
        assertError("| where ms > ", 13, "expected a field, a number or a quoted string");
        assertError("| where", 7, "where needs a condition");
        assertError("| where 5", 8, "a value alone is not a condition");
        assertError("| where user ~ \"a(b\"", 19, "invalid regular expression");
        assertError("| where (ms > 1", 15, "expected ')'");
        assertError("| timechart span=5x count()", 17, "positive duration");
        assertError("| rename a b", 11, "expected 'as'");
        assertError("| where a = b ; c", 14, "unexpected character ';'");
    }

    private void assertError(String query, int position, String messagePart) {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> parser.parse(query), query);
        assertEquals(position, e.position(), () -> query + " → " + e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), () -> "message of " + query + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("position " + position), () -> "message names the position: " + e.getMessage());
    }

    @Test
    void caretPointsUnderThePosition() {
        assertEquals("a | stats cont()\n          ^", QueryErrors.caret("a | stats cont()", 10));
        assertEquals("| limit\n       ^", QueryErrors.caret("| limit", 7));
        String longQuery = "x".repeat(100) + " | stats bad()";
        String caret = QueryErrors.caret(longQuery, 109);
        String[] lines = caret.split("\n");
        assertEquals('b', lines[0].charAt(lines[1].indexOf('^')));
        assertEquals(null, QueryErrors.caret("q", -1));
    }
}
