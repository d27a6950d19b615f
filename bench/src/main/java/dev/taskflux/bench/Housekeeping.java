package dev.taskflux.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for autovacuum on a server that has it off: runs {@code VACUUM (ANALYZE)} on the
 * benchmark database at a fixed delay, on its own connection and thread. Without it such a server
 * never refreshes planner statistics or removes dead rows, which the engine's plans depend on.
 */
final class Housekeeping implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private final Connection connection;
    private final AtomicInteger runs = new AtomicInteger();

    private Housekeeping(ScheduledExecutorService executor, Connection connection) {
        this.executor = executor;
        this.connection = connection;
    }

    /** Starts vacuuming {@code database} every {@code every}; does nothing for a zero duration. */
    static Housekeeping start(ScratchDatabase database, Duration every) throws SQLException {
        if (every.isZero() || every.isNegative()) {
            return new Housekeeping(null, null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tfbench-vacuum");
            t.setDaemon(true);
            return t;
        });
        Housekeeping housekeeping = new Housekeeping(executor, database.connect());
        executor.scheduleWithFixedDelay(housekeeping::vacuum, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    /** Whether it runs at all. */
    boolean enabled() {
        return executor != null;
    }

    /** How many VACUUM (ANALYZE) runs completed. */
    int runs() {
        return runs.get();
    }

    private void vacuum() {
        try (Statement st = connection.createStatement()) {
            st.execute("VACUUM (ANALYZE)");
            runs.incrementAndGet();
        } catch (SQLException e) {
            System.err.println("VACUUM (ANALYZE) failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
            executor.shutdownNow();
        }
        connection.close();
    }
}
