package org.dls4j.shared.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.jupiter.api.Test;

class Float64SessionTest {

    @Test
    void everyTestJvmStartsInFloat64() {
        assertTrue(ServiceLoader.load(LauncherSessionListener.class).stream()
                .anyMatch(p -> p.type() == Float64Session.class), "Float64Session is registered as a service");
    }
}
