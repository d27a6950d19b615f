package dev.taskflux.service.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The two stores every storage test runs against: real PostgreSQL and the embedded H2 default. */
public enum DatabaseProfile {
    POSTGRESQL {
        /** Connections each PostgreSQL test context may hold at most. */
        private static final int TEST_POOL_SIZE = 6;

        @Override
        public void register(DynamicPropertyRegistry registry) {
            TestPostgres.Database db = TestPostgres.freshDatabase();
            registry.add("spring.r2dbc.url", db::r2dbcUrl);
            registry.add("spring.r2dbc.username", db::username);
            registry.add("spring.r2dbc.password", db::password);
            // Spring keeps every test context open, each with its pool, on a server shared by
            // parallel builds: a small pool keeps the suite under the server's connection limit.
            registry.add("spring.r2dbc.pool.max-size", () -> TEST_POOL_SIZE);
        }
    },
    H2 {
        @Override
        public void register(DynamicPropertyRegistry registry) {
            try {
                Path dir = Files.createTempDirectory("taskflux-h2");
                String url = "r2dbc:h2:file:///" + dir.toAbsolutePath() + "/taskflux?options=MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
                registry.add("spring.r2dbc.url", () -> url);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** Points the Spring context at a fresh database of this kind. */
    public abstract void register(DynamicPropertyRegistry registry);
}
