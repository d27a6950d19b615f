package dev.taskflux.service.grpc;

import dev.taskflux.client.TaskfluxClient;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of tests that drive the running service through the SDK over a real port, on PostgreSQL. */
@Import(GrpcPortProbe.class)
abstract class SdkTest extends IntegrationTest {

    @Autowired
    protected GrpcPortProbe grpc;

    protected TaskfluxClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @BeforeEach
    void connect() {
        client = TaskfluxClient.builder().target("localhost:" + grpc.port()).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
