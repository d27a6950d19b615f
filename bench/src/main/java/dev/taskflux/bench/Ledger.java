package dev.taskflux.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's own view of the scratch database, over one JDBC connection beside the engine's
 * pool: how far the engine got, judged only by the rows it wrote.
 */
final class Ledger implements AutoCloseable {

    private static final String STATUS_COUNTS = "SELECT "
            + "(SELECT count(*) FROM task_definition WHERE status = 'ACTIVE') AS unfired, "
            + "count(*) FILTER (WHERE status = 'PENDING' AND lease_owner IS NULL) AS pending, "
            + "count(*) FILTER (WHERE status = 'PENDING' AND lease_owner IS NOT NULL) AS claimed, "
            + "count(*) FILTER (WHERE status = 'RUNNING') AS running, "
            + "count(*) FILTER (WHERE status = 'COMPLETED') AS completed, "
            + "count(*) FILTER (WHERE status NOT IN ('PENDING', 'RUNNING', 'COMPLETED')) AS other "
            + "FROM task_instance";
    /** One aggregate and a join, so the plan stays cheap however stale the table statistics are. */
    private static final String NOT_COMPLETED_ONCE = "SELECT count(*) FROM task_definition d LEFT JOIN "
            + "(SELECT definition_id, count(*) AS n FROM task_instance WHERE status = 'COMPLETED' "
            + "GROUP BY definition_id) c ON c.definition_id = d.id WHERE coalesce(c.n, 0) <> 1";

    private final Connection connection;

    Ledger(Connection connection) {
        this.connection = connection;
    }

    /** Instances that reached COMPLETED. */
    long completed() throws SQLException {
        return single("SELECT count(*) FROM task_instance WHERE status = 'COMPLETED'");
    }

    /** Definitions still to fire and instances by state, right now. */
    StatusCounts statusCounts() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(STATUS_COUNTS); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new StatusCounts(rs.getLong("unfired"), rs.getLong("pending"), rs.getLong("claimed"),
                    rs.getLong("running"), rs.getLong("completed"), rs.getLong("other"));
        }
    }

    /** From the first instance started to the last one finished, with the counts behind it. */
    DrainWindow drainWindow() throws SQLException {
        String sql = "SELECT min(started_at), max(finished_at), count(*), (SELECT count(*) FROM task_definition) "
                + "FROM task_instance";
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new DrainWindow(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getLong(3),
                    rs.getLong(4), single(NOT_COMPLETED_ONCE));
        }
    }

    /** The earliest fire recorded, or null when nothing fired. */
    Instant firstFire() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT min(fire_at) FROM task_instance");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return instant(rs.getTimestamp(1));
        }
    }

    /** {@code started_at - fire_at} in milliseconds of each started instance fired in {@code [from, to)}, sorted. */
    double[] latenessMillis(Instant from, Instant to) throws SQLException {
        return millis("started_at - fire_at", from, to);
    }

    /**
     * {@code created_at - fire_at} in milliseconds of each started instance fired in {@code [from, to)},
     * sorted: how late (positive) or early (negative) the engine recorded each fire as an instance.
     */
    double[] recordedMillis(Instant from, Instant to) throws SQLException {
        return millis("created_at - fire_at", from, to);
    }

    private double[] millis(String interval, Instant from, Instant to) throws SQLException {
        String sql = "SELECT EXTRACT(EPOCH FROM (" + interval + ")) * 1000 FROM task_instance "
                + "WHERE started_at IS NOT NULL AND fire_at >= ? AND fire_at < ?";
        double[] values = new double[1024];
        int n = 0;
        try (PreparedStatement st = window(sql, from, to); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = rs.getDouble(1);
            }
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Lateness ({@code started_at - fire_at}) of the started instances fired in {@code [from, to)},
     * summarised per {@code slice} of fire time, to show whether lateness is steady or a transient.
     */
    List<Slice> latenessBySlice(Instant from, Instant to, Duration slice) throws SQLException {
        String late = "EXTRACT(EPOCH FROM (started_at - fire_at)) * 1000";
        String sql = "SELECT floor(EXTRACT(EPOCH FROM (fire_at - ?)) / ?) AS slice, count(*), "
                + "percentile_disc(0.5) WITHIN GROUP (ORDER BY " + late + "), "
                + "percentile_disc(0.99) WITHIN GROUP (ORDER BY " + late + "), max(" + late + ") "
                + "FROM task_instance WHERE started_at IS NOT NULL AND fire_at >= ? AND fire_at < ? "
                + "GROUP BY 1 ORDER BY 1";
        List<Slice> slices = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setTimestamp(1, Timestamp.from(from));
            st.setDouble(2, slice.toMillis() / 1000.0);
            st.setTimestamp(3, Timestamp.from(from));
            st.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    slices.add(new Slice(slice.multipliedBy(rs.getLong(1)), rs.getLong(2), rs.getDouble(3),
                            rs.getDouble(4), rs.getDouble(5)));
                }
            }
        }
        return slices;
    }

    /** Instances fired in {@code [from, to)} that never started. */
    long unstarted(Instant from, Instant to) throws SQLException {
        String sql = "SELECT count(*) FROM task_instance WHERE started_at IS NULL AND fire_at >= ? AND fire_at < ?";
        try (PreparedStatement st = window(sql, from, to); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Process ids of the server backends connected to this database, except this connection's own. */
    List<Integer> otherBackends() throws SQLException {
        String sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    /** The server's current value of setting {@code name}, such as {@code autovacuum}. */
    String setting(String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT current_setting(?)")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private PreparedStatement window(String sql, Instant from, Instant to) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        st.setTimestamp(1, Timestamp.from(from));
        st.setTimestamp(2, Timestamp.from(to));
        return st;
    }

    private long single(String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Lateness of the instances fired in one slice of the window, in milliseconds.
     *
     * @param offset where the slice starts, from the start of the window
     * @param count  started instances
     * @param p50    median lateness
     * @param p99    99th percentile
     * @param max    largest
     */
    record Slice(Duration offset, long count, double p50, double p99, double max) {
    }

    /**
     * The span of a drain as the rows record it.
     *
     * @param firstStart       earliest {@code started_at}
     * @param lastFinish       latest {@code finished_at}
     * @param instances        instance rows
     * @param definitions      definition rows
     * @param notCompletedOnce definitions without exactly one COMPLETED instance
     */
    record DrainWindow(Instant firstStart, Instant lastFinish, long instances, long definitions,
                       long notCompletedOnce) {
    }
}
