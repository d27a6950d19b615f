package dev.taskflux.service.grpc;

import com.google.protobuf.Empty;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.proto.convert.TaskMessages;
import dev.taskflux.proto.reactor.ReactorServerCalls;
import dev.taskflux.proto.v1.CancelInstanceRequest;
import dev.taskflux.proto.v1.CancelTaskRequest;
import dev.taskflux.proto.v1.CreateTaskRequest;
import dev.taskflux.proto.v1.DeleteTaskRequest;
import dev.taskflux.proto.v1.GetInstanceRequest;
import dev.taskflux.proto.v1.GetTaskRequest;
import dev.taskflux.proto.v1.ListInstancesRequest;
import dev.taskflux.proto.v1.ListInstancesResponse;
import dev.taskflux.proto.v1.ListTasksRequest;
import dev.taskflux.proto.v1.ListTasksResponse;
import dev.taskflux.proto.v1.PauseTaskRequest;
import dev.taskflux.proto.v1.ResumeTaskRequest;
import dev.taskflux.proto.v1.Task;
import dev.taskflux.proto.v1.TaskServiceGrpc;
import dev.taskflux.proto.v1.TriggerTaskRequest;
import dev.taskflux.proto.v1.UpdateTaskRequest;
import dev.taskflux.service.task.TaskQuery;
import dev.taskflux.service.task.TaskService;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.grpc.server.service.GrpcService;
import reactor.core.publisher.Mono;

/**
 * The gRPC face of task definitions and their instances: the operations of the REST API, served by
 * the same {@link TaskService}, so validation and errors are the same.
 */
@GrpcService
class TaskGrpcService extends TaskServiceGrpc.TaskServiceImplBase {

    /** Page size when a request gives none, as in REST. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private final TaskService tasks;
    private final ScheduleQueries schedule;

    TaskGrpcService(TaskService tasks, ScheduleQueries schedule) {
        this.tasks = tasks;
        this.schedule = schedule;
    }

    @Override
    public void createTask(CreateTaskRequest request, StreamObserver<Task> answer) {
        reply(() -> tasks.create(TaskMessages.spec(request.getSpec())).map(TaskMessages::message), answer);
    }

    @Override
    public void getTask(GetTaskRequest request, StreamObserver<Task> answer) {
        reply(() -> tasks.find(Ids.parse("id", request.getId())).map(TaskMessages::message), answer);
    }

    @Override
    public void listTasks(ListTasksRequest request, StreamObserver<ListTasksResponse> answer) {
        reply(() -> tasks.list(new TaskQuery(TaskMessages.taskStatus(request.getStatus()), text(request.getOwner()),
                        text(request.getName()), text(request.getLabel()), request.getPage(),
                        request.hasSize() ? request.getSize() : DEFAULT_PAGE_SIZE))
                .map(page -> ListTasksResponse.newBuilder().addAllTasks(page.map(TaskMessages::message).items())
                        .setPage(page.page()).setSize(page.size()).setTotal(page.total()).build()), answer);
    }

    @Override
    public void updateTask(UpdateTaskRequest request, StreamObserver<Task> answer) {
        reply(() -> {
            List<String> fields = request.getUpdateMask().getPathsCount() == 0 ? TaskMessages.SPEC_FIELDS
                    : request.getUpdateMask().getPathsList();
            return tasks.update(Ids.parse("id", request.getId()),
                    current -> TaskMessages.merge(current.toBuilder(), request.getSpec(), fields));
        }, TaskMessages::message, answer);
    }

    @Override
    public void pauseTask(PauseTaskRequest request, StreamObserver<Task> answer) {
        reply(() -> tasks.pause(Ids.parse("id", request.getId())), TaskMessages::message, answer);
    }

    @Override
    public void resumeTask(ResumeTaskRequest request, StreamObserver<Task> answer) {
        reply(() -> tasks.resume(Ids.parse("id", request.getId())), TaskMessages::message, answer);
    }

    @Override
    public void cancelTask(CancelTaskRequest request, StreamObserver<Task> answer) {
        reply(() -> tasks.cancel(Ids.parse("id", request.getId())), TaskMessages::message, answer);
    }

    @Override
    public void triggerTask(TriggerTaskRequest request, StreamObserver<dev.taskflux.proto.v1.TaskInstance> answer) {
        reply(() -> tasks.trigger(Ids.parse("id", request.getId())).map(TaskMessages::message), answer);
    }

    @Override
    public void deleteTask(DeleteTaskRequest request, StreamObserver<Empty> answer) {
        reply(() -> tasks.delete(Ids.parse("id", request.getId())).thenReturn(Empty.getDefaultInstance()), answer);
    }

    @Override
    public void listInstances(ListInstancesRequest request, StreamObserver<ListInstancesResponse> answer) {
        reply(() -> tasks.instances(Ids.parse("task_id", request.getTaskId()),
                        TaskMessages.instanceStatus(request.getStatus()), request.getPage(),
                        request.hasSize() ? request.getSize() : DEFAULT_PAGE_SIZE)
                .map(page -> ListInstancesResponse.newBuilder()
                        .addAllInstances(page.map(TaskMessages::message).items())
                        .setPage(page.page()).setSize(page.size()).setTotal(page.total()).build()), answer);
    }

    @Override
    public void getInstance(GetInstanceRequest request, StreamObserver<dev.taskflux.proto.v1.TaskInstance> answer) {
        reply(() -> tasks.instance(Ids.parse("id", request.getId())).map(TaskMessages::message), answer);
    }

    @Override
    public void cancelInstance(CancelInstanceRequest request,
                               StreamObserver<dev.taskflux.proto.v1.TaskInstance> answer) {
        reply(() -> tasks.cancelInstance(Ids.parse("id", request.getId())).map(TaskMessages::message), answer);
    }

    @Override
    public void getStats(dev.taskflux.proto.v1.GetStatsRequest request,
                         StreamObserver<dev.taskflux.proto.v1.Stats> answer) {
        reply(() -> schedule.stats(request), answer);
    }

    @Override
    public void listUpcoming(dev.taskflux.proto.v1.ListUpcomingRequest request,
                             StreamObserver<dev.taskflux.proto.v1.ListUpcomingResponse> answer) {
        reply(() -> schedule.upcoming(request), answer);
    }

    @Override
    public void describeCron(dev.taskflux.proto.v1.DescribeCronRequest request,
                             StreamObserver<dev.taskflux.proto.v1.CronDescription> answer) {
        reply(() -> schedule.describe(request), answer);
    }

    /** Answers with the Mono {@code work} builds; what building it throws is an error answer too. */
    static <T> void reply(Supplier<Mono<T>> work, StreamObserver<T> answer) {
        ReactorServerCalls.unary(Mono.defer(work), answer, GrpcErrors::status);
    }

    private static <T> void reply(Supplier<Mono<TaskDefinition>> work,
                                  java.util.function.Function<TaskDefinition, T> message, StreamObserver<T> answer) {
        reply(() -> work.get().map(message), answer);
    }

    private static String text(String value) {
        return value.isEmpty() ? null : value;
    }
}
