package org.dls4j.course3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The lectures' error arithmetic on the lectures' own examples, and the tables the lessons print. */
class ErrorLadderTest {

    /** "Avoidable bias": humans 1 %, train 8 %, dev 10 % -> bias; humans 7.5 %, same errors -> variance. */
    @Test
    void week1GapsAreDifferencesAndTheLargestIsTheFocus() {
        ErrorLadder cats = ErrorLadder.of(0.01, 0.08, 0.10);
        assertEquals(0.08 - 0.01, cats.gap(Problem.AVOIDABLE_BIAS));
        assertEquals(0.10 - 0.08, cats.gap(Problem.VARIANCE));
        assertEquals(Problem.AVOIDABLE_BIAS, cats.focus().problem());
        assertEquals(0.08 - 0.01, cats.focus().size());

        ErrorLadder blurry = ErrorLadder.of(0.075, 0.08, 0.10);
        assertEquals(0.08 - 0.075, blurry.gap(Problem.AVOIDABLE_BIAS));
        assertEquals(Problem.VARIANCE, blurry.focus().problem());
        assertEquals(List.of("human-level", "train", "dev"), blurry.levels().stream().map(ErrorLadder.Level::name)
                .toList());
        assertThrows(IllegalArgumentException.class, () -> blurry.gap(Problem.DATA_MISMATCH));
    }

    /** "Bias and variance with mismatched data distributions": the lecture's four cases. */
    @Test
    void week2GapsNameTheLecturesProblems() {
        ErrorLadder speech = ErrorLadder.of(0.04, 0.07, 0.10, 0.12, 0.12);
        assertEquals(0.07 - 0.04, speech.gap(Problem.AVOIDABLE_BIAS));
        assertEquals(0.10 - 0.07, speech.gap(Problem.VARIANCE));
        assertEquals(0.12 - 0.10, speech.gap(Problem.DATA_MISMATCH));
        assertEquals(0.12 - 0.12, speech.gap(Problem.DEV_OVERFITTING));
        assertEquals(0.10, speech.error("train-dev"));

        assertEquals(Problem.VARIANCE, ErrorLadder.of(0, 0.01, 0.09, 0.10, 0.10).focus().problem());
        assertEquals(Problem.DATA_MISMATCH, ErrorLadder.of(0, 0.01, 0.015, 0.10, 0.10).focus().problem());
        assertEquals(Problem.AVOIDABLE_BIAS, ErrorLadder.of(0, 0.10, 0.11, 0.12, 0.12).focus().problem());
        ErrorLadder both = ErrorLadder.of(0, 0.10, 0.11, 0.20, 0.21);
        assertEquals(Problem.AVOIDABLE_BIAS, both.focus().problem(), "bias 10 % before mismatch 9 %");
        assertEquals(0.20 - 0.11, both.gap(Problem.DATA_MISMATCH));
    }

    @Test
    void equalGapsGoToTheFirstInLadderOrder() {
        assertEquals(Problem.AVOIDABLE_BIAS, ErrorLadder.of(0.0, 0.25, 0.5).focus().problem());
    }

    @Test
    void percentAndTables() {
        assertEquals("8.0 %", ErrorLadder.percent(0.08));
        assertEquals("-1.0 %", ErrorLadder.percent(-0.01));
        List<String> lines = TextTable.of("name", "error").row("a", "8.0 %").row("longer", "12.5 %").lines();
        assertEquals(List.of("name     error", "------  ------", "a        8.0 %", "longer  12.5 %"), lines);
        assertThrows(IllegalArgumentException.class, () -> TextTable.of("a", "b").row("only one"));
    }
}
