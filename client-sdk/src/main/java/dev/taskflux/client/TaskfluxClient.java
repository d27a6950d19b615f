package dev.taskflux.client;

import com.google.protobuf.FieldMask;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.convert.TaskMessages;
import dev.taskflux.proto.v1.CancelInstanceRequest;
import dev.taskflux.proto.v1.CancelTaskRequest;
import dev.taskflux.proto.v1.CreateTaskRequest;
import dev.taskflux.proto.v1.DeleteTaskRequest;
import dev.taskflux.proto.v1.DescribeCronRequest;
import dev.taskflux.proto.v1.EventServiceGrpc;
import dev.taskflux.proto.v1.GetInstanceRequest;
import dev.taskflux.proto.v1.GetStatsRequest;
import dev.taskflux.proto.v1.GetTaskRequest;
import dev.taskflux.proto.v1.ListInstancesRequest;
import dev.taskflux.proto.v1.ListTasksRequest;
import dev.taskflux.proto.v1.ListUpcomingRequest;
import dev.taskflux.proto.v1.PauseTaskRequest;
import dev.taskflux.proto.v1.ResumeTaskRequest;
import dev.taskflux.proto.v1.TaskServiceGrpc;
import dev.taskflux.proto.v1.TaskServiceGrpc.TaskServiceStub;
import dev.taskflux.proto.v1.TriggerTaskRequest;
import dev.taskflux.proto.v1.UpdateTaskRequest;
import dev.taskflux.proto.v1.WorkflowServiceGrpc;
import io.grpc.ManagedChannel;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The Java client of a Taskflux service over gRPC. Every operation is lazy: nothing is sent until
 * the returned {@code Mono} or {@code Flux} is subscribed, and disposing the subscription cancels
 * the call. Each call carries the configured deadline and is retried with backoff when the service
 * answers UNAVAILABLE. Errors arrive as the api error types:
 * {@link dev.taskflux.api.error.InvalidArgumentException} naming each field,
 * {@link dev.taskflux.api.error.NotFoundException}, {@link dev.taskflux.api.error.ConflictException};
 * anything else as {@link io.grpc.StatusRuntimeException}. Answers arrive on gRPC's threads.
 *
 * <pre>{@code
 * try (TaskfluxClient client = TaskfluxClient.builder().target("localhost:9090").build()) {
 *     TaskDefinition task = client.create(TaskSpec.builder("report", "noop", Trigger.every(Duration.ofMinutes(30)))
 *             .build()).block();
 * }
 * }</pre>
 */
public final class TaskfluxClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final UnaryCalls<TaskServiceStub> tasks;
    private final TaskfluxWorkflows workflows;
    private final EventStream events;

    TaskfluxClient(TaskfluxClientBuilder builder) {
        this.ownsChannel = builder.channel == null;
        this.channel = ownsChannel ? builder.newChannel() : builder.channel;
        Retry retry = Retry.backoff(builder.maxRetries, builder.firstBackoff).maxBackoff(builder.maxBackoff)
                .filter(ClientErrors::isTransient).onRetryExhaustedThrow((spec, signal) -> signal.failure());
        this.tasks = new UnaryCalls<>(builder.decorate(TaskServiceGrpc.newStub(channel)), builder.deadline, retry);
        this.workflows = new TaskfluxWorkflows(
                new UnaryCalls<>(builder.decorate(WorkflowServiceGrpc.newStub(channel)), builder.deadline, retry));
        this.events = new EventStream(builder.decorate(EventServiceGrpc.newStub(channel)), channel,
                builder.firstBackoff, builder.maxBackoff);
    }

    /** A builder; give it at least a {@link TaskfluxClientBuilder#target(String) target}. */
    public static TaskfluxClientBuilder builder() {
        return new TaskfluxClientBuilder();
    }

    /** Validates and stores a new task definition; emits it with its id and first fire. */
    public Mono<TaskDefinition> create(TaskSpec spec) {
        return call(CreateTaskRequest.newBuilder().setSpec(TaskMessages.message(spec)).build(), TaskServiceStub::createTask,
                "task", null).map(TaskMessages::definition);
    }

    /** The definition with {@code id}. */
    public Mono<TaskDefinition> get(UUID id) {
        return call(GetTaskRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::getTask, "task", id)
                .map(TaskMessages::definition);
    }

    /** One page of definitions matching {@code filter}, newest first. */
    public Mono<Page<TaskDefinition>> list(TaskFilter filter) {
        ListTasksRequest.Builder request = ListTasksRequest.newBuilder()
                .setStatus(TaskMessages.taskStatus(filter.status())).setOwner(text(filter.owner()))
                .setName(text(filter.name())).setLabel(text(filter.label())).setPage(filter.page())
                .setSize(filter.size());
        return call(request.build(), TaskServiceStub::listTasks, "task", null).map(r -> new Page<>(
                r.getTasksList().stream().map(TaskMessages::definition).toList(), r.getPage(), r.getSize(),
                r.getTotal()));
    }

    /**
     * Changes a definition: the named top-level {@code fields} of {@code spec} (such as
     * {@code "trigger"}, {@code "params"}, {@code "max_runs"}) replace the stored ones; with no field
     * names the whole spec is replaced. The next fire is recomputed.
     */
    public Mono<TaskDefinition> update(UUID id, TaskSpec spec, String... fields) {
        UpdateTaskRequest request = UpdateTaskRequest.newBuilder().setId(id.toString())
                .setSpec(TaskMessages.message(spec)).setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(fields)))
                .build();
        return call(request, TaskServiceStub::updateTask, "task", id).map(TaskMessages::definition);
    }

    /** Stops firing until resumed; running instances finish. */
    public Mono<TaskDefinition> pause(UUID id) {
        return call(PauseTaskRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::pauseTask, "task", id)
                .map(TaskMessages::definition);
    }

    /** Fires again from now on. */
    public Mono<TaskDefinition> resume(UUID id) {
        return call(ResumeTaskRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::resumeTask, "task", id)
                .map(TaskMessages::definition);
    }

    /** Records one run now, outside the schedule; emits the new instance. */
    public Mono<TaskInstance> trigger(UUID id) {
        return call(TriggerTaskRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::triggerTask, "task", id)
                .map(TaskMessages::instance);
    }

    /** Stops the schedule for good and cancels unfinished instances. */
    public Mono<TaskDefinition> cancel(UUID id) {
        return call(CancelTaskRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::cancelTask, "task", id)
                .map(TaskMessages::definition);
    }

    /** Removes the definition and its history, cancelling whatever still runs. */
    public Mono<Void> delete(UUID id) {
        return call(DeleteTaskRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::deleteTask, "task", id)
                .then();
    }

    /** One page of a definition's instances, latest fire first; {@code status} may be {@code null}. */
    public Mono<Page<TaskInstance>> instances(UUID taskId, InstanceStatus status, int page, int size) {
        ListInstancesRequest request = ListInstancesRequest.newBuilder().setTaskId(taskId.toString())
                .setStatus(TaskMessages.instanceStatus(status)).setPage(page).setSize(size).build();
        return call(request, TaskServiceStub::listInstances, "task", taskId).map(r -> new Page<>(
                r.getInstancesList().stream().map(TaskMessages::instance).toList(), r.getPage(), r.getSize(),
                r.getTotal()));
    }

    /** The instance with {@code id}, with its attempts. */
    public Mono<TaskInstance> instance(UUID id) {
        return call(GetInstanceRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::getInstance, "instance", id)
                .map(TaskMessages::instance);
    }

    /** Cancels one unfinished instance, stopping its handler wherever it runs. */
    public Mono<TaskInstance> cancelInstance(UUID id) {
        return call(CancelInstanceRequest.newBuilder().setId(id.toString()).build(), TaskServiceStub::cancelInstance,
                "instance", id).map(TaskMessages::instance);
    }

    /** Counts by state, of {@code owner} or of all owners when {@code null}. */
    public Mono<Stats> stats(String owner) {
        return call(GetStatsRequest.newBuilder().setOwner(text(owner)).build(), TaskServiceStub::getStats, "stats", null)
                .map(m -> new Stats(m.getTasksMap(), m.getInstancesMap(), m.getRuns(),
                        m.hasSuccessRate() ? m.getSuccessRate() : null,
                        m.hasNextFireAt() ? ProtoValues.instant(m.getNextFireAt()) : null));
    }

    /** The next {@code count} fires across active definitions, of {@code owner} or of all. */
    public Flux<UpcomingFire> upcoming(int count, String owner) {
        return call(ListUpcomingRequest.newBuilder().setCount(count).setOwner(text(owner)).build(),
                TaskServiceStub::listUpcoming, "schedule", null)
                .flatMapIterable(r -> r.getFiresList().stream().map(f -> new UpcomingFire(UUID.fromString(f.getTaskId()),
                        f.getName(), ProtoValues.instant(f.getFireAt()))).toList());
    }

    /** Describes a cron expression in {@code zone} with its next {@code count} fires. */
    public Mono<CronDescription> describeCron(String expression, ZoneId zone, int count) {
        DescribeCronRequest request = DescribeCronRequest.newBuilder().setExpression(expression)
                .setTimezone(zone == null ? "" : zone.getId()).setCount(count).build();
        return call(request, TaskServiceStub::describeCron, "cron", expression).map(d -> new CronDescription(d.getExpression(),
                d.getTimezone(), d.getValid(), d.getDescription().isEmpty() ? null : d.getDescription(),
                d.getNextFiresList().stream().map(ProtoValues::instant).toList(),
                d.getError().isEmpty() ? null : d.getError()));
    }

    /** Workflow definitions and their runs, with the same deadline, retries and errors as the task operations. */
    public TaskfluxWorkflows workflows() {
        return workflows;
    }

    /**
     * The lifecycle events passing {@code filter}, from the next new one on; see
     * {@link #events(EventFilter, long)}.
     */
    public Flux<LifecycleEvent> events(EventFilter filter) {
        return events.watch(filter, -1);
    }

    /**
     * The lifecycle events passing {@code filter} after sequence {@code after} (0 or more; a negative
     * value starts with the next new event): those already recorded, then new ones as they happen,
     * in sequence order. The flux does not complete: when its call ends because the service cut off
     * a reader that fell behind, restarted, or could not be reached, it watches again after the last
     * sequence it emitted, with the client's backoff (reset after each event), so every event is
     * emitted exactly once. The service sends only as fast as the subscriber requests. Fails with
     * {@link dev.taskflux.api.error.InvalidArgumentException} for a filter the service rejects, or
     * with the {@link io.grpc.StatusRuntimeException} of any other error. Events arrive on gRPC's
     * threads; no deadline applies.
     */
    public Flux<LifecycleEvent> events(EventFilter filter, long after) {
        return events.watch(filter, after);
    }

    /** The same operations, blocking the calling thread; for scripts and tests. */
    public BlockingTaskfluxClient blocking() {
        return new BlockingTaskfluxClient(this);
    }

    /** A builder of a remote {@link Worker} connected through this client's channel. */
    public Worker.Builder worker(String workerId) {
        return new Worker.Builder(channel, workerId);
    }

    /** Closes the channel if this client opened it, waiting up to five seconds for calls to end. */
    @Override
    public void close() {
        if (ownsChannel) {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private <Q, R> Mono<R> call(Q request, UnaryCalls.Method<TaskServiceStub, Q, R> method, String kind, Object id) {
        return tasks.call(request, method, kind, id);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

}
