package org.dls4j.shared.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    /** The suite of the test registry's {@code demo-loop}: 300 laps of a little arithmetic. */
    public static final class DemoSuite implements BenchmarkSuite {
        @Override
        public Workload setUp(String name) {
            return new Workload(300, 10, "iteration", (laps, stopwatch) -> {
                double x = 0;
                for (int i = 0; i < laps; i++) {
                    for (int k = 1; k < 2000; k++) {
                        x += Math.sqrt(k);
                    }
                    stopwatch.lap(1);
                }
                return x;
            });
        }
    }

    static List<String> run(int[] exitCode, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        exitCode[0] = BenchCommand.execute(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void listShowsNameUnitModulePeerAndDescription() {
        int[] code = new int[1];
        List<String> lines = run(code, "list");
        assertEquals(0, code[0]);
        assertTrue(lines.get(0).matches("case +unit +module +peer +description"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "demo-loop +iteration +shared +numpy +A demo case for the bench tests")), lines.toString());
    }

    @Test
    void unknownCasesAndBadNumbersStopBeforeAnyWork() {
        int[] code = new int[1];
        run(code, "no-such-case");
        assertEquals(2, code[0]);
        run(code, "demo-loop", "--laps", "0");
        assertEquals(2, code[0]);
    }

    @Test
    void theChildTimesOneCaseAndEndsWithItsResultLine() {
        int[] code = new int[1];
        List<String> lines = run(code, "--child", "demo-loop", "--laps", "50", "--warmup", "5");
        assertEquals(0, code[0]);
        assertTrue(lines.get(0).startsWith("demo-loop (dls4j): ND4J "), lines.get(0));
        assertTrue(lines.get(1).startsWith("  50 iterations after 5 warm-up: median "), lines.get(1));
        String last = lines.get(lines.size() - 1);
        ResultLine result = ResultLine.parse(last).orElseThrow(() -> new AssertionError(last));
        assertEquals("demo-loop", result.caseName());
        assertEquals("iteration", result.unit());
        assertTrue(result.p10Ms() <= result.medianMs() && result.medianMs() > 0, last);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("RESULT")).count());
    }

    @Test
    void theParentRunsTheCaseInAFreshJvmAndGoesOnWithoutAMissingPeer() {
        int[] code = new int[1];
        List<String> lines = run(code, "demo-loop", "--laps", "20", "--warmup", "0", "--threads", "1");
        assertEquals(0, code[0], String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("== demo-loop (shared): A demo case"), lines.get(0));
        assertTrue(lines.get(1).startsWith("   threads: 1 on each side"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("numpy peer not run: bench/peers/no-such-peer.py not found")),
                lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("RESULT case=demo-loop unit=iteration median_ms="),
                lines.toString());
    }
}
