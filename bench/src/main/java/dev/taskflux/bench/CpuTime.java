package dev.taskflux.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by this JVM and by the PostgreSQL backends serving the scratch database, read at
 * one moment: the steady signal on a machine where other processes make wall-clock figures noisy.
 * The backends are read from {@code /proc}, so their figure needs the server on this machine.
 */
final class CpuTime {

    /** Linux reports process times in clock ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long jvmNanos;
    private final Map<Integer, Long> backendTicks;

    private CpuTime(long jvmNanos, Map<Integer, Long> backendTicks) {
        this.jvmNanos = jvmNanos;
        this.backendTicks = backendTicks;
    }

    /** Reads both now; the backends are those connected to the ledger's database, except its own. */
    static CpuTime now(Ledger ledger) throws SQLException {
        long jvm = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            jvm = os.getProcessCpuTime();
        }
        Map<Integer, Long> backends = new HashMap<>();
        for (int pid : ledger.otherBackends()) {
            backends.put(pid, ticks(pid));
        }
        return new CpuTime(jvm, backends);
    }

    /** JVM CPU nanoseconds from {@code earlier} to this reading. */
    long jvmSince(CpuTime earlier) {
        return jvmNanos - earlier.jvmNanos;
    }

    /**
     * Backend CPU nanoseconds from {@code earlier} to this reading, counting backends that connected
     * in between from zero; -1 when a backend's process could not be read.
     */
    long databaseSince(CpuTime earlier) {
        long ticks = 0;
        for (Map.Entry<Integer, Long> b : backendTicks.entrySet()) {
            if (b.getValue() < 0) {
                return -1;
            }
            ticks += b.getValue() - Math.max(0, earlier.backendTicks.getOrDefault(b.getKey(), 0L));
        }
        return ticks * NANOS_PER_TICK;
    }

    /** User plus system time of process {@code pid} in ticks; -1 when it cannot be read. */
    private static long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The fields after the command name, which is in parentheses and may contain spaces.
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
