package dev.vigil.analytics.patterns;

import java.io.IOException;
import java.util.List;

import dev.vigil.ingest.index.DocumentEnricher;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * Gives every log document its template: mines the message's first line per service and adds
 * {@link IndexFields#TEMPLATE} (keyword and sorted doc values) and the parameters as
 * {@code param.1}, {@code param.2}, … keywords (values longer than
 * {@link IndexFields#MAX_KEYWORD_LENGTH} are left out, their position still counts).
 * Parameters are those of the template current when the event is indexed; after a merge, a
 * document's parameters under the merged template come from {@link TemplateCatalog#parameters}.
 * {@link #beforeCommit()} saves the store, so the ids in committed documents always resolve after a
 * restart. Thread-safe (see {@link TemplateStore}).
 */
public final class TemplateEnricher implements DocumentEnricher {
    private final TemplateStore store;

    public TemplateEnricher(TemplateStore store) {
        this.store = store;
    }

    @Override
    public void enrichLog(LogEvent event, Document doc) {
        TemplateMiner.Match match = store.mine(event.service(), event.message());
        doc.add(new StringField(IndexFields.TEMPLATE, match.templateId(), Field.Store.NO));
        doc.add(new SortedDocValuesField(IndexFields.TEMPLATE, new BytesRef(match.templateId())));
        List<String> parameters = match.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            String value = parameters.get(i);
            if (value.length() <= IndexFields.MAX_KEYWORD_LENGTH) {
                doc.add(new StringField(IndexFields.paramField(i + 1), value, Field.Store.NO));
            }
        }
    }

    @Override
    public void beforeCommit() throws IOException {
        store.save();
    }
}
