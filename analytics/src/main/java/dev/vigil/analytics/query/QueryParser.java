package dev.vigil.analytics.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.vigil.analytics.search.QuerySyntaxException;

/**
 * Parses query text into a {@link PipelineQuery} (grammar in {@code docs/query.md}). Every
 * refusal is a {@link QuerySyntaxException} whose position is the 0-based offset of the offending
 * character in the whole text. The search part is only split off here; the Lucene parser checks
 * it when the query is compiled. Stateless and thread-safe.
 */
public final class QueryParser {
    /** The most rows {@code limit} and {@code head} may ask for. */
    public static final int MAX_LIMIT = 10_000;
    static final Set<String> STAGES = Set.of("stats", "timechart", "sort", "limit", "head", "fields", "where", "parse", "json", "rename");
    private static final String STAGE_LIST = "stats, timechart, sort, limit, head, fields, where, parse, json, rename";

    public PipelineQuery parse(String text) {
        String query = text == null ? "" : text;
        int searchEnd = QueryLexer.searchEnd(query);
        String search = query.substring(0, searchEnd);
        if (searchEnd == query.length()) {
            return new PipelineQuery(query, search, List.of());
        }
        return new Cursor(query, QueryLexer.tokens(query, searchEnd)).pipeline(search);
    }

    /** Reads tokens left to right; one per parse. */
    private static final class Cursor {
        private final String text;
        private final List<Token> tokens;
        private int at;

        Cursor(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        PipelineQuery pipeline(String search) {
            List<Stage> stages = new ArrayList<>();
            while (peek().type() == Token.Type.PIPE) {
                next();
                stages.add(stage());
                Token after = peek();
                if (after.type() != Token.Type.PIPE && after.type() != Token.Type.END) {
                    throw error(after, "unexpected " + after.describe() + " after the " + stageName(stages.get(stages.size() - 1))
                            + " stage; separate stages with |");
                }
            }
            return new PipelineQuery(text, search, stages);
        }

        private Stage stage() {
            Token name = peek();
            if (name.type() != Token.Type.WORD) {
                throw error(name, "expected a stage name after '|' (" + STAGE_LIST + "), found " + name.describe());
            }
            next();
            return switch (name.text().toLowerCase(Locale.ROOT)) {
                case "stats" -> stats(name);
                case "timechart" -> timechart(name);
                case "sort" -> sort(name);
                case "limit" -> limit(name, false);
                case "head" -> limit(name, true);
                case "fields" -> fields(name);
                case "where" -> new Stage.Where(expression(), name.position());
                case "parse" -> parseStage(name);
                case "json" -> new Stage.Json(atStageEnd() ? "message" : field("a field to read JSON from"), name.position());
                case "rename" -> rename(name);
                default -> throw error(name, "unknown stage '" + name.text() + "'; expected one of " + STAGE_LIST);
            };
        }

        private Stage.Stats stats(Token name) {
            List<Aggregation> aggregations = aggregations("stats");
            return new Stage.Stats(aggregations, groupBy(), name.position());
        }

        private Stage.Timechart timechart(Token name) {
            Duration span = null;
            if (peek().isKeyword("span")) {
                next();
                expectSymbol("=", "after span (e.g. span=1m)");
                Token value = next();
                span = duration(value);
            }
            List<Aggregation> aggregations = aggregations("timechart");
            return new Stage.Timechart(span, aggregations, groupBy(), name.position());
        }

        private List<Aggregation> aggregations(String stage) {
            List<Aggregation> aggregations = new ArrayList<>();
            do {
                aggregations.add(aggregation(stage));
            } while (acceptSymbol(","));
            return aggregations;
        }

        private Aggregation aggregation(String stage) {
            Token function = peek();
            if (function.type() != Token.Type.WORD || function.isKeyword("by")) {
                throw error(function, stage + " needs an aggregation such as count() or p95(duration_ms), found " + function.describe());
            }
            next();
            Aggregation.Function f = Aggregation.Function.byLabel(function.text());
            if (f == null) {
                throw error(function, "unknown function '" + function.text() + "'; expected one of " + Aggregation.Function.labels());
            }
            expectSymbol("(", "after " + function.text());
            String field = null;
            if (acceptSymbol("*")) {
                if (f != Aggregation.Function.COUNT) {
                    throw error(previous(), f.label() + "(*) is not defined; name a field, e.g. " + f.label() + "(duration_ms)");
                }
            } else if (!peek().isSymbol(")") && !peek().isKeyword("by")) {
                field = field("a field name");
            }
            Token close = peek();
            expectSymbol(")", "to close " + function.text() + "(");
            if (field == null && f != Aggregation.Function.COUNT) {
                throw error(close, f.label() + " needs a field, e.g. " + f.label() + "(duration_ms)");
            }
            String alias = Aggregation.defaultName(f, field);
            if (peek().isKeyword("as")) {
                next();
                alias = field("a column name after 'as'");
            }
            return new Aggregation(f, field, alias, function.position());
        }

        private List<String> groupBy() {
            List<String> fields = new ArrayList<>();
            if (peek().isKeyword("by")) {
                next();
                do {
                    fields.add(field("a field to group by"));
                } while (acceptSymbol(","));
            }
            return fields;
        }

        private Stage.Sort sort(Token name) {
            List<Stage.SortKey> keys = new ArrayList<>();
            do {
                boolean descending = false;
                if (acceptSymbol("-")) {
                    descending = true;
                } else {
                    acceptSymbol("+");
                }
                keys.add(new Stage.SortKey(field("a field to sort by, e.g. sort -count"), descending));
            } while (acceptSymbol(","));
            return new Stage.Sort(keys, name.position());
        }

        private Stage.Limit limit(Token name, boolean head) {
            if (head && atStageEnd()) {
                return new Stage.Limit(10, name.position());
            }
            Token count = next();
            long value = -1;
            if (count.type() == Token.Type.WORD && count.text().chars().allMatch(Character::isDigit) && count.text().length() < 10) {
                value = Long.parseLong(count.text());
            }
            if (value < 1 || value > MAX_LIMIT) {
                throw error(count, name.text() + " needs a whole number of rows from 1 to " + MAX_LIMIT + ", found " + count.describe());
            }
            return new Stage.Limit((int) value, name.position());
        }

        private Stage.Fields fields(Token name) {
            boolean drop = acceptSymbol("-");
            if (!drop) {
                acceptSymbol("+");
            }
            List<String> names = new ArrayList<>();
            do {
                names.add(field("a field name"));
            } while (acceptSymbol(","));
            return new Stage.Fields(names, drop, name.position());
        }

        private Stage.Parse parseStage(Token name) {
            Token pattern = next();
            if (pattern.type() != Token.Type.STRING) {
                throw error(pattern, "parse needs a quoted pattern such as \"user=<user> took <ms>ms\", found " + pattern.describe());
            }
            String source = "message";
            if (peek().isKeyword("from")) {
                next();
                source = field("a field to parse after 'from'");
            }
            ParsePattern compiled = ParsePattern.compile(pattern);
            return new Stage.Parse(source, pattern.text(), compiled.regex(), compiled.names(), name.position());
        }

        private Stage.Rename rename(Token name) {
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            do {
                from.add(field("a field to rename"));
                if (!peek().isKeyword("as")) {
                    throw error(peek(), "expected 'as' in rename (rename old as new), found " + peek().describe());
                }
                next();
                to.add(field("the new name after 'as'"));
            } while (acceptSymbol(","));
            return new Stage.Rename(from, to, name.position());
        }

        // where: or := and {OR and}; and := unary {AND unary}; unary := NOT unary | ( or ) | comparison

        private Expression expression() {
            if (atStageEnd()) {
                throw error(peek(), "where needs a condition such as ms > 500, found " + peek().describe());
            }
            Expression left = conjunction();
            while (peek().isKeyword("or")) {
                next();
                left = new Expression.Or(left, conjunction());
            }
            return left;
        }

        private Expression conjunction() {
            Expression left = unary();
            while (peek().isKeyword("and")) {
                next();
                left = new Expression.And(left, unary());
            }
            return left;
        }

        private Expression unary() {
            if (peek().isKeyword("not")) {
                next();
                return new Expression.Not(unary());
            }
            if (acceptSymbol("(")) {
                Expression inner = expression();
                expectSymbol(")", "to close the parenthesis");
                return inner;
            }
            Token start = peek();
            Expression.Operand left = operand();
            Token operator = peek();
            if (operator.type() != Token.Type.SYMBOL || !Set.of("=", "!=", "<", "<=", ">", ">=", "~").contains(operator.text())) {
                if (left instanceof Expression.FieldOperand field) {
                    return new Expression.Present(field.name());
                }
                throw error(start, "a value alone is not a condition; compare it, e.g. ms > 500");
            }
            next();
            if (operator.text().equals("~")) {
                Token regex = next();
                if (regex.type() != Token.Type.STRING) {
                    throw error(regex, "~ needs a quoted regular expression, found " + regex.describe());
                }
                try {
                    return new Expression.Matches(left, Pattern.compile(regex.text()));
                } catch (PatternSyntaxException e) {
                    // An index past the end (e.g. an unclosed group) points at the closing quote.
                    int index = Math.max(0, e.getIndex());
                    int position = index < regex.offsets().length ? regex.offsets()[index] : regex.end() - 1;
                    throw new QuerySyntaxException("invalid regular expression at position " + position + ": " + e.getDescription(), position);
                }
            }
            return new Expression.Compare(left, operator.text(), value());
        }

        /** The right side of a comparison: a bare word is a value, not a field ({@code where level = error}). */
        private Expression.Operand value() {
            Token token = peek();
            if (token.type() == Token.Type.WORD && Double.isNaN(Values.parseNumber(token.text()))) {
                next();
                return new Expression.Literal(token.text());
            }
            return operand();
        }

        private Expression.Operand operand() {
            Token token = peek();
            if (token.type() == Token.Type.STRING) {
                next();
                return new Expression.Literal(token.text());
            }
            if (token.isSymbol("-") && peekAhead(1).type() == Token.Type.WORD && !Double.isNaN(Values.parseNumber(peekAhead(1).text()))) {
                next();
                return new Expression.Literal(-Values.parseNumber(next().text()));
            }
            if (token.type() == Token.Type.WORD) {
                double number = Values.parseNumber(token.text());
                if (!Double.isNaN(number)) {
                    next();
                    return new Expression.Literal(number);
                }
                return new Expression.FieldOperand(field("a field"));
            }
            throw error(token, "expected a field, a number or a quoted string, found " + token.describe());
        }

        /** A field name; also {@code p95(duration_ms)} so that aggregate columns can be referred to. */
        private String field(String what) {
            Token name = peek();
            if (name.type() == Token.Type.STRING && name.text().length() > 0) {
                next();
                return name.text();
            }
            if (name.type() != Token.Type.WORD) {
                throw error(name, "expected " + what + ", found " + name.describe());
            }
            next();
            if (peek().isSymbol("(") && peek().position() == name.end()) {
                next();
                String inner = "";
                if (peek().type() == Token.Type.WORD) {
                    inner = next().text();
                }
                expectSymbol(")", "to close " + name.text() + "(");
                return name.text() + "(" + inner + ")";
            }
            return name.text();
        }

        private Duration duration(Token value) {
            String t = value.text().toLowerCase(Locale.ROOT);
            int digits = 0;
            while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
                digits++;
            }
            if (value.type() == Token.Type.WORD && digits > 0 && digits < 10 && digits < t.length()) {
                long amount = Long.parseLong(t.substring(0, digits));
                Duration span = switch (t.substring(digits)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> null;
                };
                if (span != null && !span.isZero()) {
                    return span;
                }
            }
            throw error(value, "span needs a positive duration such as 30s, 1m, 1h or 1d, found " + value.describe());
        }

        private boolean atStageEnd() {
            Token.Type type = peek().type();
            return type == Token.Type.PIPE || type == Token.Type.END;
        }

        private void expectSymbol(String symbol, String context) {
            Token token = peek();
            if (!token.isSymbol(symbol)) {
                throw error(token, "expected '" + symbol + "' " + context + ", found " + token.describe());
            }
            next();
        }

        private boolean acceptSymbol(String symbol) {
            if (peek().isSymbol(symbol)) {
                next();
                return true;
            }
            return false;
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token peekAhead(int n) {
            return tokens.get(Math.min(tokens.size() - 1, at + n));
        }

        private Token previous() {
            return tokens.get(Math.max(0, at - 1));
        }

        private Token next() {
            Token token = tokens.get(at);
            if (token.type() != Token.Type.END) {
                at++;
            }
            return token;
        }

        private static String stageName(Stage stage) {
            return stage.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }

        private static QuerySyntaxException error(Token token, String message) {
            return new QuerySyntaxException(message + " (at position " + token.position() + ")", token.position());
        }
    }
}
