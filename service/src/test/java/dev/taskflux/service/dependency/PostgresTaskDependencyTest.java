package dev.taskflux.service.dependency;

import dev.taskflux.service.support.DatabaseProfile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresTaskDependencyTest extends TaskDependencyScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }
}
