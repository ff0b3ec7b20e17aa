package org.dls4j.shared.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code /proc} says about this process and the machine (Linux; elsewhere -1 and "unknown"). */
final class ProcessInfo {

    private ProcessInfo() {
    }

    /** The process's peak resident memory, {@code VmHWM} in {@code /proc/self/status}, in MiB; -1 if unknown. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 0.52 0.61 0.70}. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
