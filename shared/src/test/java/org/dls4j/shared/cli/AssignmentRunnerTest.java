package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class AssignmentRunnerTest {

    @Command(name = "demo")
    static final class Demo implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--iterations", defaultValue = "2000")
        int iterations;

        @Option(names = "--fail")
        String fail;

        int ran;

        @Override
        public Integer call() {
            ran++;
            if ("nan".equals(fail)) {
                throw new TrainingDivergedException(Double.NaN, 7, "Try a smaller --learning-rate.");
            }
            if ("bug".equals(fail)) {
                throw new NullPointerException();
            }
            return 0;
        }
    }

    @Test
    void parsesOptionsWithNotebookDefaults() {
        Demo demo = new Demo();
        assertEquals(0, AssignmentRunner.execute(demo, "--quiet", "--seed", "3"));
        assertEquals(1, demo.ran);
        assertEquals(2000, demo.iterations);
        assertEquals(3, demo.common.seedOr(1));
        assertTrue(demo.common.quiet());
        assertEquals("out", demo.common.out().toString());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, org.nd4j.linalg.factory.Nd4j.dataType(),
                "assignments compute in float64 like numpy");
    }

    @Test
    void badOptionIsAUsageError() {
        Demo demo = new Demo();
        assertEquals(2, AssignmentRunner.execute(demo, "-q", "--iterations", "many"));
        assertEquals(0, demo.ran);
    }

    @Test
    void learnerErrorsGiveOneMessageAndBugsAStackTrace() {
        StringWriter text = new StringWriter();
        AssignmentRunner.reportFailure(new TrainingDivergedException(Double.NaN, 7, "Try a smaller --learning-rate."),
                new PrintWriter(text));
        assertEquals("Error: Training stopped: the cost became NaN at iteration 7. Try a smaller --learning-rate.",
                text.toString().strip());
        text = new StringWriter();
        AssignmentRunner.reportFailure(new NullPointerException(), new PrintWriter(text));
        assertTrue(text.toString().contains("This is a bug in dls4j"));
        assertTrue(text.toString().contains("at org.dls4j"));
        assertFalse(text.toString().isBlank());
        assertEquals(1, AssignmentRunner.execute(new Demo(), "-q", "--fail", "nan"));
    }
}
