package dev.taskflux.service.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: the server named by {@code TASKFLUX_TEST_POSTGRES_HOST} /
 * {@code _PORT} / {@code _USER} / {@code _PASSWORD} (default {@code root@127.0.0.1:5432}, as CI
 * provides), else a Testcontainers container where Docker runs. Each call makes a fresh database,
 * so test contexts never see each other's rows; the databases made are dropped when the test JVM
 * exits, so runs leave nothing behind on a shared server. Under {@code CI=true} a missing
 * PostgreSQL fails the test instead of skipping it.
 */
public final class TestPostgres {

    private static final String HOST = env("TASKFLUX_TEST_POSTGRES_HOST", "127.0.0.1");
    private static final String PORT = env("TASKFLUX_TEST_POSTGRES_PORT", "5432");
    private static final String USER = env("TASKFLUX_TEST_POSTGRES_USER", "root");
    private static final String PASSWORD = env("TASKFLUX_TEST_POSTGRES_PASSWORD", "");
    private static final String ADMIN_DB = env("TASKFLUX_TEST_POSTGRES_DB", "test");

    private static final List<String> created = new ArrayList<>();

    private static Server server;

    private TestPostgres() {
    }

    /** Connection details of one fresh database. */
    public record Database(String r2dbcUrl, String username, String password) {
    }

    /** A new, empty database on the test server. */
    public static synchronized Database freshDatabase() {
        Server s = server();
        String name = "tf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            if (s.shared() && created.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(s), "test-postgres-cleanup"));
            }
            created.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + s.jdbcUrl(), e);
        }
        return new Database("r2dbc:postgresql://" + s.host() + ":" + s.port() + "/" + name, s.user(), s.password());
    }

    /** Drops the databases made here, closing what still uses them (contexts closing as the JVM exits). */
    private static void dropCreated(Server s) {
        List<String> names;
        synchronized (TestPostgres.class) {
            names = List.copyOf(created);
        }
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test databases " + names + " on " + s.jdbcUrl() + ": " + e);
        }
    }

    private static Server server() {
        if (server == null) {
            server = external();
        }
        if (server == null) {
            server = container();
        }
        return server;
    }

    private static Server external() {
        String jdbc = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + ADMIN_DB + "?connectTimeout=3";
        try (Connection ignored = DriverManager.getConnection(jdbc, USER, PASSWORD)) {
            return new Server(HOST, Integer.parseInt(PORT), USER, PASSWORD, jdbc, true);
        } catch (SQLException e) {
            return null;
        }
    }

    private static Server container() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            String reason = "No PostgreSQL at " + HOST + ":" + PORT + " and no Docker for Testcontainers";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason + "; CI must provide PostgreSQL (see .ci/run)");
            }
            Assumptions.abort(reason);
        }
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword(), container.getJdbcUrl(), false);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A server; {@code shared} when it outlives the tests (a container goes away with them). */
    private record Server(String host, int port, String user, String password, String jdbcUrl, boolean shared) {
    }
}
