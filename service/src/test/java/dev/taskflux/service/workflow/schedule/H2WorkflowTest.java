package dev.taskflux.service.workflow.schedule;

import dev.taskflux.service.support.DatabaseProfile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2WorkflowTest extends WorkflowScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.H2.register(registry);
    }
}
