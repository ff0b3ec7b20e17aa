package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void findsAssignmentsByIdOrClassName() {
        Launcher.Entry byId = Launcher.find("c0w0-demo").orElseThrow();
        assertEquals("A demo assignment for the launcher test", byId.title());
        assertEquals(byId, Launcher.find("AssignmentRunnerTest$Demo").orElseThrow());
        assertTrue(Launcher.find("no-such-thing").isEmpty());
    }

    @Test
    void benchListsTheCasesEveryModuleRegisters() throws Exception {
        String listed = printed("bench", "list");
        assertTrue(listed.lines().anyMatch(l -> l.matches("demo-loop +iteration +shared +numpy +A demo case.*")),
                listed);
        String usage = printed("--help");
        assertTrue(usage.contains("bench list | CASE..."), usage);
    }

    private static String printed(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Launcher.main(args);
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
