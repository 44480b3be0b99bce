package dev.vigil.analytics.query;

import java.io.IOException;
import java.util.Locale;

import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Timestamps;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * Reads one query field from one segment's doc values, without touching stored events. Doc
 * values iterate forwards only, so documents must be read in increasing order (as collectors
 * see them). One per field per segment per query; not thread-safe.
 */
abstract class DocValueColumn {

    /** The value for {@code doc}, or null when the document has none. */
    abstract Object value(int doc) throws IOException;

    /**
     * The column for a query field in this segment, or null when the segment has no doc values
     * for it (the field is then read from the stored event).
     */
    static DocValueColumn open(LeafReader reader, String field, TemplateNames templates) throws IOException {
        switch (field) {
            case LogFields.TIMESTAMP, "ts": {
                NumericDocValues values = reader.getNumericDocValues(IndexFields.TS);
                return values == null ? null : new Numeric(values, 0);
            }
            case LogFields.DURATION_MS: {
                NumericDocValues values = reader.getNumericDocValues(IndexFields.DURATION_US);
                return values == null ? null : new Numeric(values, 1);
            }
            case IndexFields.LEVEL: {
                SortedDocValues values = reader.getSortedDocValues(IndexFields.LEVEL);
                return values == null ? null : new Sorted(values, 1, templates);
            }
            case IndexFields.TEMPLATE: {
                SortedDocValues values = reader.getSortedDocValues(IndexFields.TEMPLATE);
                return values == null ? null : new Sorted(values, 2, templates);
            }
            case LogFields.TEMPLATE_TEXT: {
                SortedDocValues values = reader.getSortedDocValues(IndexFields.TEMPLATE);
                return values == null ? null : new Sorted(values, 3, templates);
            }
            default:
                return generic(reader, field);
        }
    }

    private static DocValueColumn generic(LeafReader reader, String field) throws IOException {
        FieldInfo info = reader.getFieldInfos().fieldInfo(field);
        if (info == null || field.equals(IndexFields.TS)) {
            return null;
        }
        DocValuesType type = info.getDocValuesType();
        return switch (type) {
            case SORTED -> new Sorted(reader.getSortedDocValues(field), 0, null);
            case NUMERIC -> new Numeric(reader.getNumericDocValues(field), 2);
            case SORTED_NUMERIC -> new FirstNumber(reader.getSortedNumericDocValues(field));
            case SORTED_SET -> new FirstTerm(reader.getSortedSetDocValues(field));
            default -> null;
        };
    }

    /** Keyword doc values; each distinct ordinal is turned into a value once per segment. */
    private static final class Sorted extends DocValueColumn {
        private final SortedDocValues values;
        private final int transform;
        private final TemplateNames templates;
        private final Object[] byOrd;

        /** @param transform 0 as is, 1 lower case (level), 2 canonical template id, 3 template text */
        Sorted(SortedDocValues values, int transform, TemplateNames templates) {
            this.values = values;
            this.transform = transform;
            this.templates = templates;
            this.byOrd = new Object[Math.min(values.getValueCount(), 1 << 20)];
        }

        @Override
        Object value(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
                return null;
            }
            int ord = values.ordValue();
            if (ord < byOrd.length && byOrd[ord] != null) {
                return byOrd[ord];
            }
            String raw = values.lookupOrd(ord).utf8ToString();
            Object value = switch (transform) {
                case 1 -> raw.toLowerCase(Locale.ROOT);
                case 2 -> templates.canonical(raw);
                case 3 -> templates.text(raw);
                default -> raw;
            };
            if (ord < byOrd.length) {
                byOrd[ord] = value;
            }
            return value;
        }
    }

    private static final class Numeric extends DocValueColumn {
        private final NumericDocValues values;
        private final int unit;

        /** @param unit 0 nanoseconds to an instant, 1 microseconds to milliseconds, 2 as is */
        Numeric(NumericDocValues values, int unit) {
            this.values = values;
            this.unit = unit;
        }

        @Override
        Object value(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
                return null;
            }
            long raw = values.longValue();
            return switch (unit) {
                case 0 -> Timestamps.toInstant(raw);
                case 1 -> raw / 1000.0;
                default -> raw;
            };
        }
    }

    private static final class FirstNumber extends DocValueColumn {
        private final SortedNumericDocValues values;

        FirstNumber(SortedNumericDocValues values) {
            this.values = values;
        }

        @Override
        Object value(int doc) throws IOException {
            return values.advanceExact(doc) ? values.nextValue() : null;
        }
    }

    private static final class FirstTerm extends DocValueColumn {
        private final SortedSetDocValues values;

        FirstTerm(SortedSetDocValues values) {
            this.values = values;
        }

        @Override
        Object value(int doc) throws IOException {
            return values.advanceExact(doc) ? values.lookupOrd(values.nextOrd()).utf8ToString() : null;
        }
    }
}
