package dev.taskflux.service.grpc;

import com.google.protobuf.Empty;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.convert.WorkflowMessages;
import dev.taskflux.proto.v1.CancelRunRequest;
import dev.taskflux.proto.v1.CreateWorkflowRequest;
import dev.taskflux.proto.v1.DeleteWorkflowRequest;
import dev.taskflux.proto.v1.GetRunRequest;
import dev.taskflux.proto.v1.GetWorkflowRequest;
import dev.taskflux.proto.v1.GetWorkflowStatsRequest;
import dev.taskflux.proto.v1.ListRunsRequest;
import dev.taskflux.proto.v1.ListRunsResponse;
import dev.taskflux.proto.v1.ListWorkflowsRequest;
import dev.taskflux.proto.v1.ListWorkflowsResponse;
import dev.taskflux.proto.v1.PauseRunRequest;
import dev.taskflux.proto.v1.ResumeRunRequest;
import dev.taskflux.proto.v1.SignalRunRequest;
import dev.taskflux.proto.v1.StartRunRequest;
import dev.taskflux.proto.v1.UpdateWorkflowRequest;
import dev.taskflux.proto.v1.Workflow;
import dev.taskflux.proto.v1.WorkflowServiceGrpc;
import dev.taskflux.proto.v1.WorkflowStats;
import dev.taskflux.service.workflow.definition.WorkflowDefinitions;
import dev.taskflux.service.workflow.definition.WorkflowQuery;
import dev.taskflux.service.workflow.history.WorkflowStatistics;
import dev.taskflux.service.workflow.run.WorkflowRuns;
import dev.taskflux.service.workflow.run.WorkflowRuns.RunQuery;
import io.grpc.stub.StreamObserver;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.grpc.server.service.GrpcService;
import reactor.core.publisher.Mono;

/**
 * The gRPC face of workflow definitions and runs: the operations of the REST API, served by the
 * same {@link WorkflowDefinitions} and {@link WorkflowRuns}, so validation and errors are the same.
 */
@GrpcService
class WorkflowGrpcService extends WorkflowServiceGrpc.WorkflowServiceImplBase {

    private final WorkflowDefinitions definitions;
    private final WorkflowRuns runs;
    private final WorkflowStatistics statistics;

    WorkflowGrpcService(WorkflowDefinitions definitions, WorkflowRuns runs, WorkflowStatistics statistics) {
        this.definitions = definitions;
        this.runs = runs;
        this.statistics = statistics;
    }

    @Override
    public void createWorkflow(CreateWorkflowRequest request, StreamObserver<Workflow> answer) {
        String owner = request.getOwner().isBlank() ? TaskSpec.DEFAULT_OWNER : request.getOwner();
        reply(() -> definitions.create(owner, WorkflowMessages.spec(request.getSpec())).map(WorkflowMessages::message),
                answer);
    }

    @Override
    public void getWorkflow(GetWorkflowRequest request, StreamObserver<Workflow> answer) {
        reply(() -> {
            UUID id = Ids.parse("id", request.getId());
            return (request.hasVersion() ? definitions.find(id, request.getVersion()) : definitions.find(id))
                    .map(WorkflowMessages::message);
        }, answer);
    }

    @Override
    public void listWorkflows(ListWorkflowsRequest request, StreamObserver<ListWorkflowsResponse> answer) {
        reply(() -> definitions.list(new WorkflowQuery(text(request.getOwner()), text(request.getName()),
                        request.getPage(), request.hasSize() ? request.getSize() : TaskGrpcService.DEFAULT_PAGE_SIZE))
                .map(page -> ListWorkflowsResponse.newBuilder()
                        .addAllWorkflows(page.map(WorkflowMessages::message).items())
                        .setPage(page.page()).setSize(page.size()).setTotal(page.total()).build()), answer);
    }

    @Override
    public void updateWorkflow(UpdateWorkflowRequest request, StreamObserver<Workflow> answer) {
        reply(() -> definitions.update(Ids.parse("id", request.getId()), text(request.getOwner()),
                WorkflowMessages.spec(request.getSpec())).map(WorkflowMessages::message), answer);
    }

    @Override
    public void deleteWorkflow(DeleteWorkflowRequest request, StreamObserver<Empty> answer) {
        reply(() -> definitions.delete(Ids.parse("id", request.getId())).thenReturn(Empty.getDefaultInstance()),
                answer);
    }

    @Override
    public void startRun(StartRunRequest request, StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        replyWithRun(() -> {
            UUID id = Ids.parse("workflow_id", request.getWorkflowId());
            return (request.hasVersion() ? definitions.find(id, request.getVersion()) : definitions.find(id))
                    .flatMap(d -> runs.start(d, ProtoValues.map(request.getInputs()), null));
        }, answer);
    }

    @Override
    public void getRun(GetRunRequest request, StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        replyWithRun(() -> runs.get(Ids.parse("id", request.getId())), answer);
    }

    @Override
    public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> answer) {
        reply(() -> {
            RunQuery query = query(request);
            return runs.list(query).map(WorkflowMessages::message).collectList().zipWith(runs.count(query),
                    (items, total) -> ListRunsResponse.newBuilder().addAllRuns(items).setPage(request.getPage())
                            .setSize(query.limit()).setTotal(total).build());
        }, answer);
    }

    @Override
    public void cancelRun(CancelRunRequest request, StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        replyWithRun(() -> runs.cancel(Ids.parse("id", request.getId())), answer);
    }

    @Override
    public void pauseRun(PauseRunRequest request, StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        replyWithRun(() -> runs.pause(Ids.parse("id", request.getId())), answer);
    }

    @Override
    public void resumeRun(ResumeRunRequest request, StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        replyWithRun(() -> runs.resume(Ids.parse("id", request.getId())), answer);
    }

    @Override
    public void signalRun(SignalRunRequest request, StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        replyWithRun(() -> {
            UUID id = Ids.parse("id", request.getId());
            if (request.getStepId().isEmpty()) {
                throw InvalidArgumentException.of("step_id", "is required");
            }
            Object payload = request.hasPayload() ? ProtoValues.java(request.getPayload()) : null;
            return runs.signal(id, request.getStepId(), payload);
        }, answer);
    }

    @Override
    public void getWorkflowStats(GetWorkflowStatsRequest request, StreamObserver<WorkflowStats> answer) {
        reply(() -> {
            String owner = text(request.getOwner());
            if (owner != null && owner.indexOf('\0') >= 0) {
                throw InvalidArgumentException.of("owner", "must not contain NUL characters");
            }
            return statistics.stats(owner).map(WorkflowStatsMessages::message);
        }, answer);
    }

    private static RunQuery query(ListRunsRequest request) {
        int size = request.hasSize() ? request.getSize() : TaskGrpcService.DEFAULT_PAGE_SIZE;
        if (request.getPage() < 0) {
            throw InvalidArgumentException.of("page", "must not be negative");
        }
        if (size < 1 || size > WorkflowQuery.MAX_SIZE) {
            throw InvalidArgumentException.of("size", "must be between 1 and " + WorkflowQuery.MAX_SIZE);
        }
        String owner = text(request.getOwner());
        if (owner != null && owner.indexOf('\0') >= 0) {
            throw InvalidArgumentException.of("owner", "must not contain NUL characters");
        }
        return new RunQuery(optionalId("workflow_id", request.getWorkflowId()), owner,
                WorkflowMessages.runStatus(request.getStatus()), optionalId("parent_run_id", request.getParentRunId()),
                optionalId("task_instance_id", request.getTaskInstanceId()), request.getPage() * size, size);
    }

    private static UUID optionalId(String field, String value) {
        return value.isEmpty() ? null : Ids.parse(field, value);
    }

    /** Answers with the Mono {@code work} builds; what building it throws is an error answer too. */
    private static <T> void reply(Supplier<Mono<T>> work, StreamObserver<T> answer) {
        TaskGrpcService.reply(work, answer);
    }

    /** Answers with the run {@code work} yields, as its message. */
    private static void replyWithRun(Supplier<Mono<WorkflowRun>> work,
                                     StreamObserver<dev.taskflux.proto.v1.WorkflowRun> answer) {
        reply(() -> work.get().map(WorkflowMessages::message), answer);
    }

    private static String text(String value) {
        return value.isEmpty() ? null : value;
    }
}
