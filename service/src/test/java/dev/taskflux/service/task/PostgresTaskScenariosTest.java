package dev.taskflux.service.task;

import dev.taskflux.service.support.DatabaseProfile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresTaskScenariosTest extends TaskScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }
}
