package dev.taskflux.service.grpc;

import dev.taskflux.proto.v1.TaskServiceGrpc;
import dev.taskflux.proto.v1.WorkflowServiceGrpc;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that call the gRPC services over an in-process channel, on embedded H2: the whole
 * service runs, only the transport is in memory.
 */
abstract class InProcessGrpcTest extends IntegrationTest {

    private static final String SERVER = "taskflux-" + UUID.randomUUID();

    protected ManagedChannel channel;
    protected TaskServiceGrpc.TaskServiceBlockingStub tasks;
    protected WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows;

    @DynamicPropertySource
    static void inProcessServer(DynamicPropertyRegistry registry) {
        DatabaseProfile.H2.register(registry);
        registry.add("spring.grpc.server.inprocess.name", () -> SERVER);
    }

    @BeforeEach
    void openChannel() {
        channel = InProcessChannelBuilder.forName(SERVER).directExecutor().build();
        tasks = TaskServiceGrpc.newBlockingStub(channel);
        workflows = WorkflowServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }
}
