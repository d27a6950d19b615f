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
import org.springframework.test.context.TestPropertySource;

/**
 * Base of tests that drive the running service through the SDK over a real port, on PostgreSQL.
 * They share one application context (and its connection pool): the remote handlers and worker
 * timings the worker tests need are declared here for all of them.
 */
@Import(GrpcPortProbe.class)
@TestPropertySource(properties = {
        "taskflux.workers.handlers=remote_echo,remote_block",
        "taskflux.workers.heartbeat-interval=200ms",
        "taskflux.workers.heartbeat-timeout=2s"})
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
