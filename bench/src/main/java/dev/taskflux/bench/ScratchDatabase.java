package dev.taskflux.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database named {@code tfbench_<random>}, created over JDBC on the admin
 * database and dropped on {@link #close()} (or at JVM exit, should the benchmark be interrupted),
 * unless asked to keep it.
 */
final class ScratchDatabase implements AutoCloseable {

    private final PostgresOptions server;
    private final String name;
    private final Thread dropAtExit = new Thread(this::drop, "tfbench-drop");
    private boolean dropped;

    private ScratchDatabase(PostgresOptions server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates the database; fails with {@link IllegalStateException} if the server refuses. */
    static ScratchDatabase create(PostgresOptions server) {
        String name = "tfbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(server, "CREATE DATABASE " + name);
        ScratchDatabase database = new ScratchDatabase(server, name);
        Runtime.getRuntime().addShutdownHook(database.dropAtExit);
        return database;
    }

    String name() {
        return name;
    }

    PostgresOptions server() {
        return server;
    }

    /** A new JDBC connection to this database, for the benchmark's own queries. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(name), server.user, server.password);
    }

    @Override
    public void close() {
        if (server.keepDatabase) {
            System.out.println("Kept database " + name + " (drop it with: DROP DATABASE " + name + ")");
        }
        drop();
        try {
            Runtime.getRuntime().removeShutdownHook(dropAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; the database is dropped either way.
        }
    }

    private synchronized void drop() {
        if (!dropped && !server.keepDatabase) {
            // FORCE ends connections a closed pool may still be tearing down.
            admin(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        }
    }

    private static void admin(PostgresOptions server, String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase), server.user,
                server.password); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + server.jdbcUrl(server.adminDatabase), e);
        }
    }
}
