package dev.taskflux.service.storage;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.r2dbc.ConnectionFactoryBuilder;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The R2DBC connection pool, migrated to the current schema before anything uses it (SQL
 * migrations under {@code db/migration}, and the {@link JavaMigration} beans for data moves). Configured
 * with Spring Boot's {@code spring.r2dbc.*} properties; the default is an embedded H2 file
 * database under {@code ./data}. PostgreSQL connections transfer results in binary unless the URL
 * says {@code forceBinary=false}.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Option<Boolean> FORCE_BINARY = Option.valueOf("forceBinary");

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(R2dbcProperties properties, ObjectProvider<JavaMigration> javaMigrations) {
        String url = properties.getUrl();
        migrate(url, properties.getUsername(), properties.getPassword(),
                javaMigrations.orderedStream().toArray(JavaMigration[]::new));
        ConnectionFactoryBuilder builder = ConnectionFactoryBuilder.withUrl(url);
        if (properties.getUsername() != null) {
            builder.username(properties.getUsername());
        }
        if (properties.getPassword() != null) {
            builder.password(properties.getPassword());
        }
        if (SqlDialect.of(url) == SqlDialect.POSTGRESQL && !ConnectionFactoryOptions.parse(url).hasOption(FORCE_BINARY)) {
            // Results in binary: timestamps and ids decode from a few bytes instead of being parsed
            // from text, which is most of the cost of reading a batch of due rows.
            builder.configure(options -> options.option(FORCE_BINARY, true));
        }
        R2dbcProperties.Pool pool = properties.getPool();
        ConnectionPoolConfiguration.Builder config = ConnectionPoolConfiguration.builder(builder.build())
                .name("taskflux")
                .initialSize(pool.getInitialSize())
                .maxSize(pool.getMaxSize());
        if (pool.getMaxIdleTime() != null) {
            // idle connections are closed by a background sweep, not only when the pool is next used
            config.maxIdleTime(pool.getMaxIdleTime()).backgroundEvictionInterval(pool.getMaxIdleTime());
        }
        return new ConnectionPool(config.build());
    }

    @Bean
    SqlDialect sqlDialect(R2dbcProperties properties) {
        return SqlDialect.of(properties.getUrl());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    @Bean
    R2dbcTransactionManager transactionManager(ConnectionFactory connectionFactory) {
        return new R2dbcTransactionManager(connectionFactory);
    }

    @Bean
    TransactionalOperator transactionalOperator(R2dbcTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /**
     * Brings the database at {@code r2dbcUrl} to the current schema: the migrations every database
     * runs and those of its own vendor, in version order.
     */
    static void migrate(String r2dbcUrl, String username, String password, JavaMigration... javaMigrations) {
        Flyway.configure()
                .dataSource(DatabaseUrls.jdbcUrl(r2dbcUrl), username, password)
                .locations(SqlDialect.COMMON_MIGRATIONS, SqlDialect.of(r2dbcUrl).migrations())
                .javaMigrations(javaMigrations)
                .load()
                .migrate();
    }
}
