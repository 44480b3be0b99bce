package dev.vigil.analytics.patterns.loghub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParsingScoresTest {

    @Test
    void oneGroupSplitWrongAndTextsMostlyRight() {
        // true groups A{1,2} B{3,4} C{5}; parsed A{1,2} B{3,4,5}: only A is grouped right
        ParsingScores s = ParsingScores.of(List.of("A", "A", "B", "B", "C"), List.of("A", "A", "B", "B", "B"));
        assertEquals(0.4, s.groupingAccuracy(), 1e-9);          // 2 of 5 lines
        assertEquals(0.4, s.fGroupingAccuracy(), 1e-9);         // P 1/2, R 1/3
        assertEquals(0.8, s.parsingAccuracy(), 1e-9);           // 4 of 5 texts equal
        assertEquals(0.4, s.fTemplateAccuracy(), 1e-9);         // only A: P 1/2, R 1/3
        assertEquals(3, s.trueTemplates());
        assertEquals(2, s.parsedTemplates());
    }

    @Test
    void perfectGroupsWithOneWrongText() {
        ParsingScores s = ParsingScores.of(List.of("A", "A", "B", "B", "C"), List.of("X", "X", "B", "B", "C"));
        assertEquals(1.0, s.groupingAccuracy(), 1e-9);
        assertEquals(1.0, s.fGroupingAccuracy(), 1e-9);
        assertEquals(0.6, s.parsingAccuracy(), 1e-9);
        assertEquals(2.0 / 3, s.fTemplateAccuracy(), 1e-9);     // B and C of 3 and 3
    }

    @Test
    void aParsedGroupSpanningTwoTrueGroupsMakesBothWrong() {
        ParsingScores s = ParsingScores.of(List.of("A", "B", "B", "C"), List.of("P", "P", "P", "C"));
        assertEquals(0.25, s.groupingAccuracy(), 1e-9);
        assertEquals(2 * 0.5 * (1.0 / 3) / (0.5 + 1.0 / 3), s.fGroupingAccuracy(), 1e-9);
    }
}
