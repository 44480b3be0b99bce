package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast path must agree with {@link Timestamps#parse} wherever it answers at all. */
class FastRfc3339Test {

    @Test
    void agreesWithTheReferenceParserOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(42);
        String[] fractions = {"", ".1", ".12", ".123", ".123456", ".123456789", ".000000001"};
        String[] offsets = {"Z", "+00:00", "+02:00", "-05:30", "+14:00", "-11:45"};
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(86_400L * 2, 9_000_000_000L);
            String base = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(seconds));
            String text = base + fractions[i % fractions.length] + offsets[i % offsets.length];
            assertEquals(Timestamps.parse("t", text), FastRfc3339.parse(text), text);
        }
    }

    @Test
    void leapDaysAndMonthEnds() {
        for (String text : new String[]{"2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:01Z", "2261-12-31T23:59:59.999999999Z"}) {
            assertEquals(Timestamps.parse("t", text), FastRfc3339.parse(text), text);
        }
    }

    @Test
    void leavesOtherShapesAndInvalidValuesToTheReference() {
        String[] others = {"2026-11-25T10:42Z", "2026-11-25t10:42:00z", "2026-11-25 10:42:00Z", "2100-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T10:42:60Z", "2026-11-25T10:42:00.Z",
                "2026-11-25T10:42:00.1234567891Z", "2026-11-25T10:42:00", "2026-11-25T10:42:00+0200", "+2026-11-25T10:42:00Z",
                "2026-11-25T1a:42:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z"};
        for (String text : others) {
            assertEquals(FastRfc3339.NOT_FAST, FastRfc3339.parse(text), text);
        }
        assertThrows(InvalidFieldException.class, () -> Timestamps.parse("t", "2100-02-29T00:00:00Z"));
    }
}
