package dev.vigil.ingest.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class MetricSampleTest {
    private static final long T = 1_718_000_000_000_000_000L;

    @Test
    void validatedLabelsAreSharedNotCopied() {
        MetricSample.Labels labels = MetricSample.Labels.of(Map.of("job", "api", "instance", "a:9100"));
        MetricSample one = new MetricSample("up", labels, T, 1);
        MetricSample two = new MetricSample("up", labels, T + 1, 1);
        assertSame(labels, one.labels());
        assertSame(labels, two.labels());
        assertSame(labels, MetricSample.Labels.of(labels));
    }

    @Test
    void plainMapsAreValidatedSortedAndEqualToThemselves() {
        Map<String, String> plain = new HashMap<>(Map.of("zone", "b", "job", "api", "instance", "a"));
        MetricSample sample = new MetricSample("up", plain, T, 1);
        assertEquals(List.of("instance", "job", "zone"), List.copyOf(sample.labels().keySet()));
        assertEquals(new TreeMap<>(plain), sample.labels());
        assertEquals(new TreeMap<>(plain).hashCode(), sample.labels().hashCode());
        assertEquals(new TreeMap<>(plain).toString(), sample.labels().toString());
        plain.put("job", "changed");
        assertEquals("api", sample.labels().get("job"), "the sample keeps a copy");
        assertEquals(sample, new MetricSample("up", MetricSample.Labels.of(Map.of("zone", "b", "job", "api", "instance", "a")), T, 1));
    }

    @Test
    void labelsCannotBeChanged() {
        MetricSample.Labels labels = MetricSample.Labels.of(Map.of("job", "api"));
        assertThrows(UnsupportedOperationException.class, () -> labels.put("job", "x"));
        assertThrows(UnsupportedOperationException.class, () -> labels.entrySet().iterator().next().setValue("x"));
        assertThrows(UnsupportedOperationException.class, () -> labels.keySet().remove("job"));
    }

    @Test
    void invalidLabelNamesAreRefusedOnEveryPath() {
        for (String bad : List.of("1job", "jo-b", "jöb", "a:b", "")) {
            Map<String, String> labels = Map.of(bad, "v");
            InvalidFieldException viaRecord = assertThrows(InvalidFieldException.class, () -> new MetricSample("up", labels, T, 1), bad);
            InvalidFieldException viaFactory = assertThrows(InvalidFieldException.class, () -> MetricSample.Labels.of(labels), bad);
            assertEquals(viaRecord.getMessage(), viaFactory.getMessage());
        }
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new MetricSample("up", Map.of("ok", "v", "9x", "v"), T, 1));
        assertTrue(e.getMessage().contains("labels.9x"), e.getMessage());
    }

    @Test
    void metricNamesAreCheckedEvenWithValidatedLabels() {
        MetricSample.Labels labels = MetricSample.Labels.of(Map.of("job", "api"));
        for (String bad : List.of("1up", "up-time", "ùp", "a b")) {
            assertThrows(InvalidFieldException.class, () -> new MetricSample(bad, labels, T, 1), bad);
        }
        for (String good : List.of("up", "_x", ":ns:rule", "http_requests_total", "a1:b2")) {
            assertEquals(good, new MetricSample(good, labels, T, 1).name());
        }
        assertThrows(InvalidFieldException.class, () -> new MetricSample("up", labels, 0, 1));
    }

    @Test
    void emptyAndNullLabelsAreTheEmptySet() {
        assertEquals(Map.of(), new MetricSample("up", null, T, 1).labels());
        assertEquals(Map.of(), new MetricSample("up", Map.of(), T, 1).labels());
    }
}
