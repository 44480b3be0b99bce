package dev.vigil.analytics.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.index.Analyzers;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Level;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene query syntax over the index layout: bare words search the message, {@code field:value}
 * searches a keyword field ({@code service:checkout}, {@code level:ERROR}, {@code status:503},
 * {@code route:"/api/checkout"}). Terms are combined with AND unless the query says OR, because
 * on-call searches narrow. Thread-safe (a new parser per call; parsers are cheap).
 */
public final class EventQueryParser {
    private final Function<String, Set<String>> templateAliases;

    /** A parser whose {@code template:ID} matches that id only. */
    public EventQueryParser() {
        this(id -> Set.of());
    }

    /**
     * @param templateAliases every id merged into the same log template as the given one (itself
     *                        included; empty when unknown), so {@code template:ID} also finds events
     *                        indexed before their template merged
     */
    public EventQueryParser(Function<String, Set<String>> templateAliases) {
        this.templateAliases = templateAliases;
    }

    /** Parses {@code text} (blank means everything) and restricts it to one kind and a time range. */
    public Query parse(String text, String kind, TimeRange range) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(parseText(text), BooleanClause.Occur.MUST);
        query.add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER);
        if (range != null) {
            query.add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    /** Parses just the user's text; blank means match all. */
    public Query parseText(String text) {
        if (text == null || text.isBlank() || text.trim().equals("*")) {
            return new MatchAllDocsQuery();
        }
        QueryParser parser = new QueryParser(IndexFields.MESSAGE, Analyzers.query());
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(true);
        parser.setSplitOnWhitespace(true);
        try {
            return rewrite(parser.parse(text));
        } catch (ParseException e) {
            // QueryParser.parse wraps the parser's exception, which is the one that knows the token.
            ParseException located = e.getCause() instanceof ParseException cause ? cause : e;
            int position = -1;
            if (located.currentToken != null && located.currentToken.next != null) {
                // Lucene's FastCharStream reports line 1 and the 0-based offset into the whole text as the column.
                position = Math.min(text.length(), Math.max(0, located.currentToken.next.beginColumn));
            }
            throw new QuerySyntaxException(describe(e, text, position), position);
        } catch (TokenMgrError e) {
            throw new QuerySyntaxException("invalid query: " + e.getMessage(), -1);
        } catch (RuntimeException e) {
            // e.g. too many clauses from a wildcard
            throw new QuerySyntaxException("invalid query: " + e.getMessage(), -1);
        }
    }

    private static String describe(ParseException e, String text, int position) {
        if (position >= 0 && position <= text.length()) {
            String near = position < text.length() ? "'" + text.substring(position, Math.min(text.length(), position + 20)) + "'" : "the end";
            return "invalid query at position " + position + " (near " + near + "): expected a term, phrase or group; quote values with special characters such as / : ( )";
        }
        return "invalid query: " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * {@code level:error} matches however the level is spelled ({@code ERROR}, {@code err}), and
     * {@code template:ID} matches every id merged into the same template.
     */
    private Query rewrite(Query query) {
        if (query instanceof TermQuery term) {
            return term(term);
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                builder.add(rewrite(clause.getQuery()), clause.getOccur());
            }
            return builder.build();
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(rewrite(boost.getQuery()), boost.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return new ConstantScoreQuery(rewrite(constant.getQuery()));
        }
        return query;
    }

    private Query term(TermQuery query) {
        String field = query.getTerm().field();
        String value = query.getTerm().text();
        if (field.equals(IndexFields.LEVEL)) {
            String level;
            try {
                level = Level.parse(value).name();
            } catch (IllegalArgumentException e) {
                level = value.toUpperCase(Locale.ROOT);
            }
            return new TermQuery(new Term(IndexFields.LEVEL, level));
        }
        if (field.equals(IndexFields.TEMPLATE)) {
            Set<String> aliases = templateAliases.apply(value);
            if (aliases.size() > 1) {
                List<BytesRef> terms = new ArrayList<>(aliases.size());
                for (String alias : aliases) {
                    terms.add(new BytesRef(alias));
                }
                return new TermInSetQuery(IndexFields.TEMPLATE, terms);
            }
        }
        return query;
    }
}
