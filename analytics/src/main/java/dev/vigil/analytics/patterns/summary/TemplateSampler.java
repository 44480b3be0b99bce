package dev.vigil.analytics.patterns.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * One pass over the events of a few chosen templates: per template, the trend (counts per
 * interval, from timestamp doc values), the most recent events and a uniform reservoir sample.
 * Only the sampled and most recent documents are decoded from their stored source, in doc id
 * order so that stored-field blocks are read once. Reservoirs use a fixed seed per template, so
 * the same data gives the same answer. One per request; not thread-safe.
 */
final class TemplateSampler {
    private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

    private final long trendStart;
    private final long stepNanos;
    private final int buckets;
    private final int sampleSize;
    private final int newestSize;

    /**
     * @param trendStart start of the first trend bucket, epoch nanoseconds
     * @param sampleSize reservoir size per template
     * @param newestSize how many of the most recent events to keep per template
     */
    TemplateSampler(long trendStart, long stepNanos, int buckets, int sampleSize, int newestSize) {
        this.trendStart = trendStart;
        this.stepNanos = stepNanos;
        this.buckets = buckets;
        this.sampleSize = sampleSize;
        this.newestSize = newestSize;
    }

    /**
     * @param windowQuery must already restrict to log events in the window
     * @return per template id, in the order given
     */
    Map<String, TemplateSample> sample(IndexSearcher searcher, Query windowQuery, List<TemplateCount> templates) {
        Map<String, Integer> slotOfIndexedId = new HashMap<>();
        List<BytesRef> terms = new ArrayList<>();
        Slot[] slots = new Slot[templates.size()];
        for (int i = 0; i < slots.length; i++) {
            TemplateCount template = templates.get(i);
            slots[i] = new Slot(template.id().hashCode());
            for (String indexedId : template.indexedIds()) {
                slotOfIndexedId.put(indexedId, i);
                terms.add(new BytesRef(indexedId));
            }
        }
        if (slots.length == 0) {
            return Map.of();
        }
        Query query = new BooleanQuery.Builder()
                .add(windowQuery, BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.TEMPLATE, terms), BooleanClause.Occur.FILTER)
                .build();
        try {
            searcher.search(query, new SimpleCollector() {
                private SortedDocValues ids;
                private NumericDocValues timestamps;
                private int[] slotOfOrdinal;
                private int docBase;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    docBase = context.docBase;
                    ids = context.reader().getSortedDocValues(IndexFields.TEMPLATE);
                    timestamps = context.reader().getNumericDocValues(IndexFields.TS);
                    slotOfOrdinal = new int[ids == null ? 0 : ids.getValueCount()];
                    Arrays.fill(slotOfOrdinal, -1);
                    if (ids != null) {
                        for (Map.Entry<String, Integer> entry : slotOfIndexedId.entrySet()) {
                            int ordinal = ids.lookupTerm(new BytesRef(entry.getKey()));
                            if (ordinal >= 0) {
                                slotOfOrdinal[ordinal] = entry.getValue();
                            }
                        }
                    }
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (ids == null || !ids.advanceExact(doc) || timestamps == null || !timestamps.advanceExact(doc)) {
                        return;
                    }
                    int slot = slotOfOrdinal[ids.ordValue()];
                    if (slot >= 0) {
                        slots[slot].add(docBase + doc, timestamps.longValue());
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            Map<Integer, LogEvent> events = load(searcher, slots);
            Map<String, TemplateSample> samples = new LinkedHashMap<>();
            for (int i = 0; i < slots.length; i++) {
                samples.put(templates.get(i).id(), slots[i].finish(events));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Integer, LogEvent> load(IndexSearcher searcher, Slot[] slots) throws IOException {
        TreeSet<Integer> docs = new TreeSet<>();
        for (Slot slot : slots) {
            for (int i = 0; i < slot.reservoirSize(); i++) {
                docs.add(slot.reservoir[i]);
            }
            for (int i = 0; i < slot.newestCount; i++) {
                docs.add(slot.newestDocs[i]);
            }
        }
        StoredFields stored = searcher.storedFields();
        Map<Integer, LogEvent> events = new HashMap<>(docs.size() * 2);
        for (int doc : docs) {
            BytesRef source = stored.document(doc, SOURCE_ONLY).getBinaryValue(IndexFields.SOURCE);
            Event event = BatchCodec.decode(source.bytes, source.offset, source.length).events().get(0);
            if (event instanceof LogEvent log) {
                events.put(doc, log);
            }
        }
        return events;
    }

    /** Per-template state during the pass. */
    private final class Slot {
        final long[] trend = new long[buckets];
        final int[] reservoir = new int[sampleSize];
        final SplittableRandom random;
        long seen;
        // A min-heap on timestamp: the root is the oldest of the newest events kept.
        final long[] newestTs = new long[newestSize];
        final int[] newestDocs = new int[newestSize];
        int newestCount;

        Slot(long seed) {
            random = new SplittableRandom(seed);
        }

        int reservoirSize() {
            return (int) Math.min(seen, sampleSize);
        }

        void add(int doc, long ts) {
            long bucket = Math.floorDiv(ts - trendStart, stepNanos);
            if (bucket >= 0 && bucket < buckets) {
                trend[(int) bucket]++;
            }
            // Algorithm R: after n events each one is in the reservoir with probability size / n.
            if (seen < sampleSize) {
                reservoir[(int) seen] = doc;
            } else {
                long pick = random.nextLong(seen + 1);
                if (pick < sampleSize) {
                    reservoir[(int) pick] = doc;
                }
            }
            seen++;
            keepIfNewest(doc, ts);
        }

        private void keepIfNewest(int doc, long ts) {
            if (newestSize == 0) {
                return;
            }
            if (newestCount < newestSize) {
                int i = newestCount++;
                newestTs[i] = ts;
                newestDocs[i] = doc;
                while (i > 0 && newestTs[(i - 1) / 2] > newestTs[i]) {
                    swap(i, (i - 1) / 2);
                    i = (i - 1) / 2;
                }
            } else if (ts > newestTs[0]) {
                newestTs[0] = ts;
                newestDocs[0] = doc;
                int i = 0;
                while (true) {
                    int smallest = i;
                    int left = 2 * i + 1;
                    int right = left + 1;
                    if (left < newestCount && newestTs[left] < newestTs[smallest]) {
                        smallest = left;
                    }
                    if (right < newestCount && newestTs[right] < newestTs[smallest]) {
                        smallest = right;
                    }
                    if (smallest == i) {
                        break;
                    }
                    swap(i, smallest);
                    i = smallest;
                }
            }
        }

        private void swap(int a, int b) {
            long ts = newestTs[a];
            newestTs[a] = newestTs[b];
            newestTs[b] = ts;
            int doc = newestDocs[a];
            newestDocs[a] = newestDocs[b];
            newestDocs[b] = doc;
        }

        TemplateSample finish(Map<Integer, LogEvent> events) {
            int[] sampledDocs = Arrays.copyOf(reservoir, reservoirSize());
            Arrays.sort(sampledDocs);
            List<LogEvent> sampled = new ArrayList<>(sampledDocs.length);
            for (int doc : sampledDocs) {
                LogEvent event = events.get(doc);
                if (event != null) {
                    sampled.add(event);
                }
            }
            List<LogEvent> newest = new ArrayList<>(newestCount);
            for (int i = 0; i < newestCount; i++) {
                LogEvent event = events.get(newestDocs[i]);
                if (event != null) {
                    newest.add(event);
                }
            }
            newest.sort((a, b) -> Long.compare(b.timestampNanos(), a.timestampNanos()));
            return new TemplateSample(trend, newest, sampled);
        }
    }
}
