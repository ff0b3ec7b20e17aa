package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void findsAssignmentsByIdOrClassName() {
        Launcher.Entry byId = Launcher.find("c0w0-demo").orElseThrow();
        assertEquals("A demo assignment for the launcher test", byId.title());
        assertEquals(byId, Launcher.find("AssignmentRunnerTest$Demo").orElseThrow());
        assertTrue(Launcher.find("no-such-thing").isEmpty());
    }
}
