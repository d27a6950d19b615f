package dev.taskflux.service.execution;

import dev.taskflux.service.support.DatabaseProfile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2LeaseScenariosTest extends LeaseScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.H2.register(registry);
    }
}
