package dev.taskflux.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures were taken on, for the report: cores and how busy it was. */
final class Machine {

    private Machine() {
    }

    /** Cores and the 1, 5 and 15 minute load averages, as one line. */
    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage()
                + " (processes outside the benchmark compete for these cores)";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
