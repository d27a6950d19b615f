package dev.taskflux.service.storage;

import io.r2dbc.spi.ConnectionFactoryOptions;

/**
 * Derives the JDBC URL used for schema migrations at start-up from the R2DBC URL used everywhere
 * else, so a user configures one URL.
 */
final class DatabaseUrls {

    private DatabaseUrls() {
    }

    /** The JDBC equivalent of an R2DBC URL of PostgreSQL or H2. */
    static String jdbcUrl(String r2dbcUrl) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbcUrl);
        String driver = (String) options.getRequiredValue(ConnectionFactoryOptions.DRIVER);
        String database = (String) options.getValue(ConnectionFactoryOptions.DATABASE);
        if ("postgresql".equals(driver) || "postgres".equals(driver)) {
            Object host = options.getValue(ConnectionFactoryOptions.HOST);
            Object port = options.getValue(ConnectionFactoryOptions.PORT);
            return "jdbc:postgresql://" + host + (port == null ? "" : ":" + port) + "/" + (database == null ? "" : database);
        }
        if ("h2".equals(driver)) {
            String protocol = (String) options.getValue(ConnectionFactoryOptions.PROTOCOL);
            Object extra = options.getValue(io.r2dbc.spi.Option.valueOf("options"));
            String suffix = extra == null ? "" : ";" + extra;
            if ("mem".equals(protocol)) {
                return "jdbc:h2:mem:" + database + suffix;
            }
            return "jdbc:h2:file:" + database + suffix;
        }
        throw new IllegalArgumentException("Unsupported database URL (PostgreSQL or H2 expected): " + r2dbcUrl);
    }
}
