package dev.taskflux.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.proto.v1.GetStatsRequest;
import dev.taskflux.proto.v1.GetTaskRequest;
import dev.taskflux.proto.v1.Stats;
import dev.taskflux.proto.v1.Task;
import dev.taskflux.proto.v1.TaskServiceGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The client against a scripted in-process server: error mapping and retries of transient failures. */
class TaskfluxClientTest {

    private final AtomicInteger statsCalls = new AtomicInteger();
    private Server server;
    private TaskfluxClient client;

    @BeforeEach
    void start() throws Exception {
        String name = "client-" + UUID.randomUUID();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(new Scripted()).build().start();
        client = TaskfluxClient.builder().channel(InProcessChannelBuilder.forName(name).directExecutor().build())
                .retry(2, Duration.ofMillis(1)).build();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void invalidArgumentsCarryTheServersFieldViolations() {
        StepVerifier.create(client.get(UUID.randomUUID()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(InvalidArgumentException.class,
                        invalid -> assertThat(invalid.violations())
                                .containsExactly(new FieldViolation("trigger.timezone", "unknown time zone"))))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void unavailableAnswersAreRetriedUpToTheLimit() {
        StepVerifier.create(client.stats(null))
                .assertNext(stats -> assertThat(stats.runs()).isEqualTo(7))
                .verifyComplete();
        assertThat(statsCalls).hasValue(3);
    }

    @Test
    void missingResourcesAreNotFound() {
        UUID id = new UUID(0, 1);
        StepVerifier.create(client.get(id))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(NotFoundException.class,
                        missing -> assertThat(missing.id()).isEqualTo(id.toString())))
                .verify(Duration.ofSeconds(5));
    }

    /** Fails GetTask as the id asks, and GetStats twice with UNAVAILABLE before answering. */
    private final class Scripted extends TaskServiceGrpc.TaskServiceImplBase {
        @Override
        public void getTask(GetTaskRequest request, StreamObserver<Task> answer) {
            if (request.getId().equals(new UUID(0, 1).toString())) {
                answer.onError(Status.NOT_FOUND.withDescription("task " + request.getId() + " not found")
                        .asRuntimeException());
                return;
            }
            answer.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("bad")
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation
                            .newBuilder().setField("trigger.timezone").setDescription("unknown time zone")).build()))
                    .build()));
        }

        @Override
        public void getStats(GetStatsRequest request, StreamObserver<Stats> answer) {
            if (statsCalls.incrementAndGet() < 3) {
                answer.onError(Status.UNAVAILABLE.asRuntimeException());
                return;
            }
            answer.onNext(Stats.newBuilder().setRuns(7).build());
            answer.onCompleted();
        }
    }
}
