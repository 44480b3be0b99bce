package dev.vigil.reports.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Merging Vigil's sections into a file people edit: their bytes are kept whatever the markers look like. */
class PlanDocumentTest {
    @Test
    void onlyBodiesBetweenMarkersChange() {
        String file = "intro\r\nwith CRLF\r\n<!-- vigil:begin a -->\nold a\n<!-- vigil:end a -->\n  between  \n"
                + "<!-- vigil:begin b -->\nold b\n<!-- vigil:end b -->\ntail without newline";
        PlanDocument doc = PlanDocument.parse(file);
        assertEquals(Map.of("a", "old a\n", "b", "old b\n"), doc.sections());
        String merged = doc.merge(Map.of("a", "new a\n"));
        assertEquals(file.replace("old a", "new a"), merged);
        assertEquals(doc.personText(), PlanDocument.parse(merged).personText());
    }

    @Test
    void missingSectionsAreAppendedAndAnUnclosedMarkerStaysText() {
        String file = "# Plan\n<!-- vigil:begin a -->\nhalf deleted by someone\n";
        PlanDocument doc = PlanDocument.parse(file);
        assertTrue(doc.sections().isEmpty(), "a begin marker without its end is not a section");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("a", "fresh a\n");
        String merged = doc.merge(bodies);
        assertTrue(merged.startsWith(file), "everything already there is kept as it was");
        assertEquals("fresh a\n", PlanDocument.parse(merged).sections().get("a"));
    }

    @Test
    void aTickByHandIsKeptAndVanishedItemsAreResolved() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        String body = "- [x] Alert **A** firing <!-- vigil:item alert:1 on=orders -->\n"
                + "- [ ] Incident X <!-- vigil:item incident:X on=orders -->\n";
        PlanItems items = PlanItems.merge(List.of(new PlanItem("alert:1", "orders", "Alert **A** firing", false, null)), List.of(body), now, now);
        List<String> lines = items.linesFor("orders");
        assertEquals("- [x] Alert **A** firing <!-- vigil:item alert:1 on=orders -->", lines.get(0));
        assertEquals("- [x] Incident X — resolved 2026-06-01 12:00 UTC <!-- vigil:item incident:X on=orders -->", lines.get(1));
        // The resolution mark reads back as resolved, so the next update keeps its time.
        PlanItems again = PlanItems.merge(List.of(), List.of(String.join("\n", lines)), now.plusSeconds(3600), now);
        assertEquals(lines.get(1), again.linesFor("orders").get(1));
        assertEquals(0, again.openCount());
    }
}
