package dev.vigil.ingest.index;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analysers of the index layout: {@link IndexFields#MESSAGE} is tokenised and lower-cased
 * (no stop words: "not" and "no" matter in logs); every other field is an exact keyword.
 */
public final class Analyzers {
    private Analyzers() {
    }

    static Analyzer indexing() {
        return query();
    }

    /** The analyser query parsers must use so that query terms match indexed terms. */
    public static Analyzer query() {
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
                Map.of(IndexFields.MESSAGE, new StandardAnalyzer(CharArraySet.EMPTY_SET)));
    }
}
