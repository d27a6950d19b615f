package dev.taskflux.bench;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the PostgreSQL server is. Each benchmark makes its own database there and drops it. */
final class PostgresOptions {

    @Option(names = "--pg-host", defaultValue = "127.0.0.1",
            description = "PostgreSQL host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--pg-port", defaultValue = "5432", description = "PostgreSQL port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--pg-user", defaultValue = "root", description = "PostgreSQL user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--pg-password", defaultValue = "", description = "PostgreSQL password (default: empty)")
    String password;

    @Option(names = "--pg-admin-db", defaultValue = "test",
            description = "existing database to connect to for CREATE/DROP DATABASE (default: ${DEFAULT-VALUE})")
    String adminDatabase;

    @Option(names = "--vacuum-every", defaultValue = "PT0S",
            description = "run VACUUM (ANALYZE) on the benchmark database this often, standing in for autovacuum "
                    + "where the server has it off; PT0S for never (default: ${DEFAULT-VALUE})")
    Duration vacuumEvery;

    @Option(names = "--keep-database", description = "leave the benchmark database on the server for inspection")
    boolean keepDatabase;

    /** The JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The R2DBC URL of {@code database} on this server, as the service takes it. */
    String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
