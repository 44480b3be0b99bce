package dev.vigil.analytics.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;

/**
 * The current matching document as a {@link Row}. A field is read from the segment's doc values
 * when the segment has them for it, otherwise from the stored event, which is decoded at most
 * once per document and only when some field needs it; {@code param.N} comes from the template
 * catalog. Fields set by stages ({@code parse}, {@code json}, {@code rename}) overlay the
 * document's own. One instance serves a whole search, moved with {@link #segment} and
 * {@link #document}; not thread-safe.
 */
final class DocRow implements Row {
    private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);
    private static final DocValueColumn ABSENT = new DocValueColumn() {
        @Override
        Object value(int doc) {
            return null;
        }
    };

    private final TemplateNames templates;
    private final Map<String, DocValueColumn> columns = new HashMap<>();
    private final LinkedHashMap<String, Object> overlay = new LinkedHashMap<>();
    private LeafReaderContext segment;
    private StoredFields stored;
    private NumericDocValues timestamps;
    private int doc = -1;
    private LogEvent event;
    private long decoded;

    DocRow(TemplateNames templates) {
        this.templates = templates;
    }

    void segment(LeafReaderContext context) throws IOException {
        segment = context;
        stored = null;
        columns.clear();
        timestamps = context.reader().getNumericDocValues(IndexFields.TS);
        doc = -1;
    }

    /** Moves to {@code doc} of the current segment; documents must come in increasing order. */
    void document(int doc) {
        this.doc = doc;
        event = null;
        if (!overlay.isEmpty()) {
            overlay.clear();
        }
    }

    /** How many stored events this row decoded, for the query statistics. */
    long decodedEvents() {
        return decoded;
    }

    @Override
    public Object get(String field) {
        if (!overlay.isEmpty() && overlay.containsKey(field)) {
            return overlay.get(field);
        }
        try {
            DocValueColumn column = columns.get(field);
            if (column == null) {
                column = DocValueColumn.open(segment.reader(), field, templates);
                columns.put(field, column == null ? ABSENT : column);
                if (column == null) {
                    column = ABSENT;
                }
            }
            if (column != ABSENT) {
                return column.value(doc);
            }
            if (field.startsWith(IndexFields.PARAM_PREFIX)) {
                return parameter(field);
            }
            return LogFields.value(event(), field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long timestampNanos() {
        try {
            return timestamps != null && timestamps.advanceExact(doc) ? timestamps.longValue() : Long.MIN_VALUE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void set(String field, Object value) {
        // A null is kept in the overlay: it hides the document's own value (rename, fields -).
        overlay.put(field, value);
    }

    @Override
    public MapRow snapshot() {
        LinkedHashMap<String, Object> values = LogFields.row(event());
        Object template = get(IndexFields.TEMPLATE);
        if (template != null) {
            values.put(IndexFields.TEMPLATE, template);
            Object text = get(LogFields.TEMPLATE_TEXT);
            if (text != null) {
                values.put(LogFields.TEMPLATE_TEXT, text);
            }
        }
        Set<String> removed = null;
        for (Map.Entry<String, Object> entry : overlay.entrySet()) {
            if (entry.getValue() == null) {
                values.remove(entry.getKey());
                if (removed == null) {
                    removed = new HashSet<>();
                }
                removed.add(entry.getKey());
            } else {
                values.put(entry.getKey(), entry.getValue());
            }
        }
        return new MapRow(values, timestampNanos(), event(), removed);
    }

    private Object parameter(String field) {
        int position;
        try {
            position = Integer.parseInt(field.substring(IndexFields.PARAM_PREFIX.length()));
        } catch (NumberFormatException e) {
            return LogFields.value(event(), field);
        }
        Object template = get(IndexFields.TEMPLATE);
        List<String> parameters = template == null ? null : templates.parameters((String) template, event().message());
        return parameters == null || position < 1 || position > parameters.size() ? null : parameters.get(position - 1);
    }

    /**
     * Stored fields for reading documents in increasing order. The default reader decompresses a
     * block from its start for every document it returns, which made decoding every match cost
     * tens of microseconds; the sequential (merge) instance keeps the current block decompressed.
     */
    private static StoredFields sequentialStoredFields(LeafReaderContext context) throws IOException {
        if (context.reader() instanceof CodecReader codec && codec.getFieldsReader() != null) {
            return codec.getFieldsReader().getMergeInstance();
        }
        return context.reader().storedFields();
    }

    private LogEvent event() {
        if (event == null) {
            try {
                if (stored == null) {
                    stored = sequentialStoredFields(segment);
                }
                BytesRef source = stored.document(doc, SOURCE_ONLY).getBinaryValue(IndexFields.SOURCE);
                event = (LogEvent) BatchCodec.decode(source.bytes, source.offset, source.length).events().get(0);
                decoded++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return event;
    }
}
