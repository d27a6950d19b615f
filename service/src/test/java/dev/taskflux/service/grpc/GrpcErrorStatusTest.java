package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.proto.v1.CreateTaskRequest;
import dev.taskflux.proto.v1.GetInstanceRequest;
import dev.taskflux.proto.v1.GetTaskRequest;
import dev.taskflux.proto.v1.Hello;
import dev.taskflux.proto.v1.ListTasksRequest;
import dev.taskflux.proto.v1.ResumeTaskRequest;
import dev.taskflux.proto.v1.TaskSpec;
import dev.taskflux.proto.v1.Trigger;
import dev.taskflux.proto.v1.UpdateTaskRequest;
import dev.taskflux.proto.v1.WorkerMessage;
import dev.taskflux.proto.v1.WorkerServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import dev.taskflux.proto.reactor.ReactorClientCalls;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import org.junit.jupiter.api.Test;

/** Each error code the gRPC face answers, with field details where the input is at fault. */
class GrpcErrorStatusTest extends InProcessGrpcTest {

    @Test
    void invalidSpecsNameEveryFieldInBadRequestDetails() {
        var spec = TaskSpec.newBuilder().setHandler("no-such-handler").setOwner(owner)
                .setTrigger(Trigger.newBuilder().setCron(Trigger.Cron.newBuilder().setExpression("0 9 * * *")
                        .setTimezone("Mars/Olympus")));

        assertThat(Statuses.violations(() -> tasks.createTask(CreateTaskRequest.newBuilder().setSpec(spec).build())))
                .containsExactly("trigger.timezone: unknown time zone 'Mars/Olympus' (an IANA name such as Asia/Shanghai)");
        assertThat(Statuses.violations(() -> tasks.createTask(CreateTaskRequest.newBuilder()
                .setSpec(spec.clone().setTrigger(Specs.immediate())).build())))
                .anySatisfy(v -> assertThat(v).startsWith("name: "))
                .noneSatisfy(v -> assertThat(v).startsWith("trigger"));
        assertThat(Statuses.violations(() -> tasks.createTask(CreateTaskRequest.newBuilder()
                .setSpec(spec.clone().clearTrigger()).build())))
                .contains("trigger: is required");
    }

    @Test
    void malformedIdsPagesAndMasksAreInvalidArguments() {
        assertThat(Statuses.violations(() -> tasks.getTask(GetTaskRequest.newBuilder().setId("42").build())))
                .containsExactly("id: must be a UUID");
        assertThat(Statuses.violations(() -> tasks.listTasks(ListTasksRequest.newBuilder().setSize(501).build())))
                .containsExactly("size: must be between 1 and 500");
        assertThat(Statuses.violations(() -> tasks.updateTask(UpdateTaskRequest.newBuilder()
                .setId(created()).setUpdateMask(com.google.protobuf.FieldMask.newBuilder().addPaths("colour")).build())))
                .singleElement().asString().startsWith("update_mask: unknown field 'colour'");
    }

    @Test
    void missingResourcesAreNotFound() {
        assertThat(Statuses.of(() -> tasks.getInstance(GetInstanceRequest.newBuilder()
                .setId(UUID.randomUUID().toString()).build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void impossibleTransitionsAreFailedPreconditions() {
        String id = created();
        tasks.cancelTask(dev.taskflux.proto.v1.CancelTaskRequest.newBuilder().setId(id).build());

        Status status = Statuses.of(() -> tasks.resumeTask(ResumeTaskRequest.newBuilder().setId(id).build()));
        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(status.getDescription()).contains("CANCELLED");
    }

    @Test
    void aWorkerCannotServeABuiltInHandler() {
        WorkerMessage hello = WorkerMessage.newBuilder().setHello(Hello.newBuilder().setWorkerId("w")
                .addHandlers("noop").setCapacity(1)).build();

        StepVerifier.create(ReactorClientCalls.bidi(Flux.just(hello).concatWith(Flux.never()),
                        WorkerServiceGrpc.newStub(channel)::connect))
                .expectErrorSatisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.ALREADY_EXISTS))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void callsPastTheirDeadlineEndWithDeadlineExceeded() {
        var impatient = tasks.withDeadlineAfter(1, TimeUnit.NANOSECONDS);

        StatusRuntimeException e = Statuses.error(() -> impatient.listTasks(ListTasksRequest.getDefaultInstance()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    private String created() {
        return tasks.createTask(CreateTaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setName("t")
                .setHandler("noop").setOwner(owner).setTrigger(Specs.every(3600))).build()).getId();
    }
}
