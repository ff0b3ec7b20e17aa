package org.dls4j.shared.testing;

import org.dls4j.shared.Numerics;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The test setup's one switch to float64 (numpy's default), as {@code AssignmentRunner} is the command line's: every
 * test JVM of every module (through the shared test-jar's service file) starts with ND4J's default type DOUBLE.
 * Framework models that train in float32 say so in their configuration.
 */
public final class Float64Session implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Numerics.useFloat64();
    }
}
