package org.dls4j.shared.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BenchCaseTest {

    @Test
    void readsTheRegistryLines() throws Exception {
        List<BenchCase> cases = BenchCase.parse(new StringReader("""
                # comment

                l-layer\titeration\torg.example.Suite\tnumpy:bench/peers/course1.py\tC1 W4 cats, 2500 iterations
                adam\tstep\torg.example.Suite\t-\tAdam on the moons
                """), "course1-nn-basics", "test");
        assertEquals(List.of(
                new BenchCase("l-layer", BenchCase.Unit.ITERATION, "org.example.Suite",
                        Optional.of(new BenchCase.Peer("numpy", "bench/peers/course1.py")), "C1 W4 cats, 2500 iterations",
                        "course1-nn-basics"),
                new BenchCase("adam", BenchCase.Unit.STEP, "org.example.Suite", Optional.empty(), "Adam on the moons",
                        "course1-nn-basics")), cases);
        assertEquals("step", cases.get(1).unit().toString());
    }

    @Test
    void malformedLinesSayWhatIsWrong() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BenchCase.parse(new StringReader("a\titeration\tC\n"), "m", "x.tsv"));
        assertTrue(e.getMessage().startsWith("Malformed line in x.tsv (name, unit, class, peer, description"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> BenchCase.parse(new StringReader("a\tepoch\tC\t-\td\n"), "m", "x.tsv"));
        assertTrue(e.getMessage().contains("unknown unit 'epoch' (iteration, batch or step)"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> BenchCase.parse(new StringReader("a\tbatch\tC\tnumpy\td\n"), "m", "x.tsv"));
        assertTrue(e.getMessage().contains("the peer must be KIND:PATH or -, not 'numpy'"), e.getMessage());
    }

    @Test
    void theModuleComesFromWhereTheFileLies() throws Exception {
        assertEquals("course1-nn-basics", BenchCase.moduleOf(
                new URL("file:/opt/dls4j/course1-nn-basics/target/classes/META-INF/dls4j/benchmarks.tsv")));
        assertEquals("course2-improving", BenchCase.moduleOf(
                new URL("jar:file:/m2/course2-improving-1.0-SNAPSHOT.jar!/META-INF/dls4j/benchmarks.tsv")));
        assertEquals("shared", BenchCase.moduleOf(
                new URL("file:/opt/dls4j/shared/target/test-classes/META-INF/dls4j/benchmarks.tsv")));
    }

    @Test
    void findsTheCasesOnTheClassPath() {
        BenchCase demo = BenchCase.find("demo-loop").orElseThrow();
        assertEquals("shared", demo.module());
        assertEquals(BenchCase.Unit.ITERATION, demo.unit());
        assertTrue(BenchCase.find("no-such-case").isEmpty());
    }
}
