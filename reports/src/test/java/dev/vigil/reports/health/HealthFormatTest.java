package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HealthFormatTest {

    @Test
    void durations() {
        assertEquals("0.42 ms", HealthFormat.duration(0.42));
        assertEquals("4.2 ms", HealthFormat.duration(4.2));
        assertEquals("245 ms", HealthFormat.duration(245.3));
        assertEquals("1.24 s", HealthFormat.duration(1_240));
        assertEquals("12.3 s", HealthFormat.duration(12_300));
        assertEquals("2.5 min", HealthFormat.duration(150_000));
        assertEquals("0 ms", HealthFormat.duration(0));
        assertEquals(HealthFormat.NA, HealthFormat.duration(Double.NaN));
        assertEquals("1.00 s", HealthFormat.duration(999.7));
    }

    @Test
    void percentagesAndCounts() {
        assertEquals("2.35%", HealthFormat.fractionPercent(0.0235));
        assertEquals("<0.01%", HealthFormat.fractionPercent(0.00002));
        assertEquals("0%", HealthFormat.fractionPercent(0));
        assertEquals("42.1%", HealthFormat.percent(42.12));
        assertEquals("99.99%", HealthFormat.uptime(99.996));
        assertEquals("100%", HealthFormat.uptime(100));
        assertEquals("1,234,567", HealthFormat.count(1_234_567));
        assertEquals("1,234/s", HealthFormat.rate(1_234.4));
        assertEquals("13.1/s", HealthFormat.rate(13.08));
        assertEquals(HealthFormat.NA, HealthFormat.fractionPercent(Double.NaN));
    }

    @Test
    void changesAndMetrics() {
        assertEquals("6.8\u00D7", HealthFormat.change(1_240, 182));
        assertEquals("+34%", HealthFormat.change(134, 100));
        assertEquals("-20%", HealthFormat.change(80, 100));
        assertEquals(HealthFormat.NA, HealthFormat.change(5, 0));
        assertEquals("1.24 s", new AnomalyFinding("a", "p95 latency", null, 5, 1_240, 100).formattedValue());
        assertEquals("6.10%", new AnomalyFinding("a", "error rate", null, 5, 0.061, 0).formattedValue());
        assertEquals("51.2/s", new AnomalyFinding("a", "request rate", null, 5, 51.2, 1).formattedValue());
        assertEquals("17", new AnomalyFinding("a", "queue depth", null, 5, 17, 1).formattedValue());
    }

    @Test
    void metricNamesCarryTheirUnit() {
        assertEquals(ValueUnit.SECONDS, ValueUnit.ofMetricName("http_server_request_p99_seconds{service=\"checkout\"}"));
        assertEquals("30.0 s", ValueUnit.SECONDS.format(30));
        assertEquals(ValueUnit.BYTES, ValueUnit.ofMetricName("jvm_memory_used_bytes"));
        assertEquals("1.5 GiB", ValueUnit.BYTES.format(1.5 * 1024 * 1024 * 1024));
        assertEquals(ValueUnit.RATIO, ValueUnit.ofMetricName("process_cpu_usage"));
        assertEquals("8/min", ValueUnit.PER_MINUTE.format(8));
    }

    @Test
    void timesAreUtc() {
        Instant from = Instant.parse("2025-03-14T08:00:00Z");
        assertEquals("2025-03-14 08:00 UTC", HealthFormat.instant(from));
        assertEquals("2025-03-14 08:00:05 UTC", HealthFormat.instant(from.plusSeconds(5)));
        assertEquals("2025-03-14 08:00 to 12:00 UTC (4 h)", HealthFormat.window(from, from.plusSeconds(4 * 3600)));
        assertEquals("2025-03-14 08:00 to 2025-03-15 08:00 UTC (1 d)",
                HealthFormat.window(from, from.plus(Duration.ofDays(1))));
        assertEquals("1 h 30 min", HealthFormat.span(Duration.ofMinutes(90)));
    }

    @Test
    void readableDropsLabelsTheServiceColumnShowsAndShortensInstants() {
        java.time.Instant day = java.time.Instant.parse("2026-11-02T10:00:00Z");
        org.junit.jupiter.api.Assertions.assertEquals("Metric jvm_memory_used_bytes{area=\"heap\"} rose at 11:23 UTC, then 2026-11-03 09:00:30 UTC",
                HealthFormat.readable("Metric jvm_memory_used_bytes{area=\"heap\",instance=\"inventory-66f4-1\",service=\"inventory\"}"
                        + " rose at 2026-11-02T11:23:00Z, then 2026-11-03T09:00:30Z", day));
        org.junit.jupiter.api.Assertions.assertEquals("process_cpu_usage and a {brace} and {x=\"1\"}",
                HealthFormat.readable("process_cpu_usage{instance=\"a\",service=\"b\"} and a {brace} and {x=\"1\"}", day));
        org.junit.jupiter.api.Assertions.assertEquals("p < 0.001", HealthFormat.pValue(2e-9));
        org.junit.jupiter.api.Assertions.assertEquals("+2.1 pp", HealthFormat.pointsChange(0.031, 0.01));
        org.junit.jupiter.api.Assertions.assertEquals("14\u00D7", HealthFormat.burn(14.4));
    }
}
