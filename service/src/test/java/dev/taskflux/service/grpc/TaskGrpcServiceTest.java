package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.taskflux.proto.v1.CancelInstanceRequest;
import dev.taskflux.proto.v1.CancelTaskRequest;
import dev.taskflux.proto.v1.ConcurrencyPolicy;
import dev.taskflux.proto.v1.CreateTaskRequest;
import dev.taskflux.proto.v1.DeleteTaskRequest;
import dev.taskflux.proto.v1.DescribeCronRequest;
import dev.taskflux.proto.v1.GetInstanceRequest;
import dev.taskflux.proto.v1.GetStatsRequest;
import dev.taskflux.proto.v1.GetTaskRequest;
import dev.taskflux.proto.v1.InstanceStatus;
import dev.taskflux.proto.v1.ListInstancesRequest;
import dev.taskflux.proto.v1.ListTasksRequest;
import dev.taskflux.proto.v1.ListUpcomingRequest;
import dev.taskflux.proto.v1.OverlapPolicy;
import dev.taskflux.proto.v1.PauseTaskRequest;
import dev.taskflux.proto.v1.ResumeTaskRequest;
import dev.taskflux.proto.v1.Task;
import dev.taskflux.proto.v1.TaskInstance;
import dev.taskflux.proto.v1.TaskSpec;
import dev.taskflux.proto.v1.TaskStatus;
import dev.taskflux.proto.v1.Trigger;
import dev.taskflux.proto.v1.TriggerTaskRequest;
import dev.taskflux.proto.v1.UpdateTaskRequest;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** Every task operation over gRPC, with the REST API's behaviour. */
class TaskGrpcServiceTest extends InProcessGrpcTest {

    private TaskSpec.Builder spec(String handler, Trigger trigger) {
        return TaskSpec.newBuilder().setName("grpc task").setHandler(handler).setOwner(owner).setTrigger(trigger);
    }

    private Task create(TaskSpec.Builder spec) {
        return tasks.createTask(CreateTaskRequest.newBuilder().setSpec(spec).build());
    }

    @Test
    void createsReadsAndListsTasks() {
        Task created = create(spec("noop", Specs.cron("0 0 9 * * 1-5", "Asia/Shanghai"))
                .setParams(Struct.newBuilder().putFields("n", Value.newBuilder().setNumberValue(3).build()))
                .setConcurrency(ConcurrencyPolicy.newBuilder().setPolicy(OverlapPolicy.OVERLAP_POLICY_FORBID))
                .putLabels("team", "ops"));

        assertThat(created.getStatus()).isEqualTo(TaskStatus.TASK_STATUS_ACTIVE);
        assertThat(created.hasNextFireAt()).isTrue();
        Task read = tasks.getTask(GetTaskRequest.newBuilder().setId(created.getId()).build());
        assertThat(read).isEqualTo(created);
        assertThat(read.getSpec().getTrigger().getCron().getTimezone()).isEqualTo("Asia/Shanghai");
        assertThat(read.getSpec().getParams().getFieldsOrThrow("n").getNumberValue()).isEqualTo(3);
        assertThat(read.getSpec().getConcurrency().getPolicy()).isEqualTo(OverlapPolicy.OVERLAP_POLICY_FORBID);

        var page = tasks.listTasks(ListTasksRequest.newBuilder().setOwner(owner).setLabel("team=ops").build());
        assertThat(page.getTasksList()).extracting(Task::getId).containsExactly(created.getId());
        assertThat(page.getTotal()).isEqualTo(1);
        assertThat(page.getSize()).isEqualTo(TaskGrpcService.DEFAULT_PAGE_SIZE);
        assertThat(tasks.listTasks(ListTasksRequest.newBuilder().setOwner(owner)
                .setStatus(TaskStatus.TASK_STATUS_PAUSED).build()).getTasksList()).isEmpty();
    }

    @Test
    void updatesOnlyTheFieldsInTheMask() {
        Task created = create(spec("noop", Specs.every(3600)).setDescription("kept").setStartAt(Specs.inHours(1)));

        Task updated = tasks.updateTask(UpdateTaskRequest.newBuilder().setId(created.getId())
                .setSpec(TaskSpec.newBuilder().setName("renamed").setDescription("ignored").setTrigger(Specs.every(60)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name").addPaths("trigger")).build());

        assertThat(updated.getSpec().getName()).isEqualTo("renamed");
        assertThat(updated.getSpec().getDescription()).isEqualTo("kept");
        assertThat(updated.getSpec().getTrigger().getInterval().getEvery().getSeconds()).isEqualTo(60);
        assertThat(updated.getVersion()).isEqualTo(created.getVersion() + 1);
    }

    @Test
    void pausesResumesCancelsAndDeletes() {
        Task created = create(spec("noop", Specs.every(3600)));
        String id = created.getId();

        Task paused = tasks.pauseTask(PauseTaskRequest.newBuilder().setId(id).build());
        assertThat(paused.getStatus()).isEqualTo(TaskStatus.TASK_STATUS_PAUSED);
        assertThat(paused.hasNextFireAt()).isFalse();
        assertThat(tasks.resumeTask(ResumeTaskRequest.newBuilder().setId(id).build()).getStatus())
                .isEqualTo(TaskStatus.TASK_STATUS_ACTIVE);
        assertThat(tasks.cancelTask(CancelTaskRequest.newBuilder().setId(id).build()).getStatus())
                .isEqualTo(TaskStatus.TASK_STATUS_CANCELLED);

        tasks.deleteTask(DeleteTaskRequest.newBuilder().setId(id).build());
        assertThat(Statuses.of(() -> tasks.getTask(GetTaskRequest.newBuilder().setId(id).build())).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void triggersListsAndCancelsInstances() {
        Task created = create(spec("forever", Specs.every(3600)).setStartAt(Specs.inHours(1)));

        TaskInstance triggered = tasks.triggerTask(TriggerTaskRequest.newBuilder().setId(created.getId()).build());
        assertThat(triggered.getTaskId()).isEqualTo(created.getId());
        await().atMost(BOUND).until(() -> tasks.getInstance(GetInstanceRequest.newBuilder()
                .setId(triggered.getId()).build()).getStatus() == InstanceStatus.INSTANCE_STATUS_RUNNING);

        TaskInstance cancelled = tasks.cancelInstance(CancelInstanceRequest.newBuilder()
                .setId(triggered.getId()).build());
        assertThat(cancelled.getStatus()).isEqualTo(InstanceStatus.INSTANCE_STATUS_CANCELLED);
        assertThat(cancelled.getAttemptsList()).hasSize(1);
        await().atMost(BOUND).until(() -> dev.taskflux.service.support.TestHandlers.CANCELLED
                .contains(java.util.UUID.fromString(triggered.getId())));

        var page = tasks.listInstances(ListInstancesRequest.newBuilder().setTaskId(created.getId())
                .setStatus(InstanceStatus.INSTANCE_STATUS_CANCELLED).build());
        assertThat(page.getInstancesList()).extracting(TaskInstance::getId).containsExactly(triggered.getId());
        assertThat(Statuses.of(() -> tasks.cancelInstance(CancelInstanceRequest.newBuilder()
                .setId(triggered.getId()).build())).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void answersStatsUpcomingFiresAndCronDescriptions() {
        Task created = create(spec("noop", Specs.every(3600)).setStartAt(Specs.inHours(1)));

        var stats = tasks.getStats(GetStatsRequest.newBuilder().setOwner(owner).build());
        assertThat(stats.getTasksOrThrow("ACTIVE")).isEqualTo(1);
        assertThat(stats.hasSuccessRate()).isFalse();

        var upcoming = tasks.listUpcoming(ListUpcomingRequest.newBuilder().setOwner(owner).setCount(3).build());
        assertThat(upcoming.getFiresList()).hasSize(3).allSatisfy(f -> assertThat(f.getTaskId())
                .isEqualTo(created.getId()));

        var cron = tasks.describeCron(DescribeCronRequest.newBuilder().setExpression("0 0 9 * * 1-5")
                .setTimezone("Asia/Shanghai").setCount(2).build());
        assertThat(cron.getValid()).isTrue();
        assertThat(cron.getNextFiresList()).hasSize(2);
        var invalid = tasks.describeCron(DescribeCronRequest.newBuilder().setExpression("61 * * * *").build());
        assertThat(invalid.getValid()).isFalse();
        assertThat(invalid.getError()).isNotEmpty();
    }

    @Test
    void fillsAbsentRetryFieldsWithTheDefaults() {
        Task created = create(spec("noop", Specs.every(3600)).setRetry(dev.taskflux.proto.v1.RetryPolicy.newBuilder()
                .setMaxRetries(5)));

        assertThat(created.getSpec().getRetry().getMaxRetries()).isEqualTo(5);
        assertThat(created.getSpec().getRetry().getMultiplier()).isEqualTo(2.0);
    }
}
