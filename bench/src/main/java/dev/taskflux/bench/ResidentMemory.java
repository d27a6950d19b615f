package dev.taskflux.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** This process's resident set size (VmRSS in {@code /proc/self/status}) and the highest sampled. */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private long peakKib = -1;

    /** Reads the current size, remembering it if it is the highest so far; -1 where unavailable. */
    synchronized long sample() {
        long now = currentKib();
        peakKib = Math.max(peakKib, now);
        return now;
    }

    /** The highest size sampled, or -1. */
    synchronized long peakKib() {
        return peakKib;
    }

    /** The current resident set size in KiB, or -1 off Linux. */
    static long currentKib() {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** {@code kib} as whole MiB, for reports. */
    static long mib(long kib) {
        return kib < 0 ? -1 : Math.round(kib / 1024.0);
    }
}
