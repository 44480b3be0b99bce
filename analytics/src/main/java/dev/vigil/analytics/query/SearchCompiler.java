package dev.vigil.analytics.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventQueryParser;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Level;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns the search part of a query into a Lucene query over the log documents of a time range,
 * with the Lucene syntax of {@code /api/v1/logs/search} plus two conveniences: {@code level:error}
 * matches however the level is spelled ({@code ERROR}, {@code err}), and {@code template:ID}
 * matches every template id merged into the same template. Thread-safe.
 */
final class SearchCompiler {
    private final EventQueryParser parser = new EventQueryParser();

    Query compile(String search, TimeRange range, TemplateNames templates) {
        Query text = rewrite(parser.parseText(search), templates);
        return new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_LOG)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, range.fromNanos(), range.toNanos() - 1), BooleanClause.Occur.FILTER)
                .build();
    }

    private static Query rewrite(Query query, TemplateNames templates) {
        if (query instanceof TermQuery term) {
            return term(term, templates);
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                builder.add(rewrite(clause.getQuery(), templates), clause.getOccur());
            }
            return builder.build();
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(rewrite(boost.getQuery(), templates), boost.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return new ConstantScoreQuery(rewrite(constant.getQuery(), templates));
        }
        return query;
    }

    private static Query term(TermQuery query, TemplateNames templates) {
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
            Set<String> aliases = templates.aliases(value);
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
