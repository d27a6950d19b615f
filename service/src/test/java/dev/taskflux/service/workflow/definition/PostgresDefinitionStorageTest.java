package dev.taskflux.service.workflow.definition;

import dev.taskflux.service.support.DatabaseProfile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresDefinitionStorageTest extends DefinitionStorageScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }
}
