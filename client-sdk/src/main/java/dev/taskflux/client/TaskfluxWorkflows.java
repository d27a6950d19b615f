package dev.taskflux.client;

import com.google.protobuf.Empty;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.convert.WorkflowMessages;
import dev.taskflux.proto.v1.CancelRunRequest;
import dev.taskflux.proto.v1.CreateWorkflowRequest;
import dev.taskflux.proto.v1.DeleteWorkflowRequest;
import dev.taskflux.proto.v1.GetRunRequest;
import dev.taskflux.proto.v1.GetWorkflowRequest;
import dev.taskflux.proto.v1.GetWorkflowStatsRequest;
import dev.taskflux.proto.v1.ListRunsRequest;
import dev.taskflux.proto.v1.ListWorkflowsRequest;
import dev.taskflux.proto.v1.PauseRunRequest;
import dev.taskflux.proto.v1.ResumeRunRequest;
import dev.taskflux.proto.v1.RunTally;
import dev.taskflux.proto.v1.SignalRunRequest;
import dev.taskflux.proto.v1.StartRunRequest;
import dev.taskflux.proto.v1.UpdateWorkflowRequest;
import dev.taskflux.proto.v1.WorkflowServiceGrpc.WorkflowServiceStub;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Workflow definitions and runs through a {@link TaskfluxClient}, obtained from
 * {@link TaskfluxClient#workflows()}. Like the task operations, every call is lazy, carries the
 * client's deadline, is retried while the service is UNAVAILABLE and fails with the api error
 * types: {@link dev.taskflux.api.error.InvalidArgumentException} naming the field (such as
 * {@code steps[0].handler} or {@code inputs.who}), {@link dev.taskflux.api.error.NotFoundException},
 * {@link dev.taskflux.api.error.ConflictException} when a run's state forbids the operation.
 * Answers arrive on gRPC's threads.
 */
public final class TaskfluxWorkflows {

    private final UnaryCalls<WorkflowServiceStub> calls;

    TaskfluxWorkflows(UnaryCalls<WorkflowServiceStub> calls) {
        this.calls = calls;
    }

    /** Validates {@code spec} and stores it as version 1 of a new definition of {@code owner} (the default owner when {@code null}). */
    public Mono<WorkflowDefinition> create(String owner, WorkflowSpec spec) {
        CreateWorkflowRequest request = CreateWorkflowRequest.newBuilder().setOwner(text(owner))
                .setSpec(WorkflowMessages.message(spec)).build();
        return calls.call(request, WorkflowServiceStub::createWorkflow, "workflow", null)
                .map(WorkflowMessages::definition);
    }

    /** The latest version of definition {@code id}. */
    public Mono<WorkflowDefinition> get(UUID id) {
        return calls.call(GetWorkflowRequest.newBuilder().setId(id.toString()).build(),
                WorkflowServiceStub::getWorkflow, "workflow", id).map(WorkflowMessages::definition);
    }

    /** Version {@code version} of definition {@code id}. */
    public Mono<WorkflowDefinition> get(UUID id, int version) {
        return calls.call(GetWorkflowRequest.newBuilder().setId(id.toString()).setVersion(version).build(),
                WorkflowServiceStub::getWorkflow, "workflow", id).map(WorkflowMessages::definition);
    }

    /** A page of live definitions at their latest version, newest first; {@code null} filters match all. */
    public Mono<Page<WorkflowDefinition>> list(String owner, String nameContains, int page, int size) {
        ListWorkflowsRequest request = ListWorkflowsRequest.newBuilder().setOwner(text(owner))
                .setName(text(nameContains)).setPage(page).setSize(size).build();
        return calls.call(request, WorkflowServiceStub::listWorkflows, "workflow", null).map(r -> new Page<>(
                r.getWorkflowsList().stream().map(WorkflowMessages::definition).toList(), r.getPage(), r.getSize(),
                r.getTotal()));
    }

    /** Stores {@code spec} as the next version of definition {@code id}; runs already started keep theirs. */
    public Mono<WorkflowDefinition> update(UUID id, WorkflowSpec spec) {
        UpdateWorkflowRequest request = UpdateWorkflowRequest.newBuilder().setId(id.toString())
                .setSpec(WorkflowMessages.message(spec)).build();
        return calls.call(request, WorkflowServiceStub::updateWorkflow, "workflow", id)
                .map(WorkflowMessages::definition);
    }

    /** Deletes definition {@code id}; runs already started finish on their version. */
    public Mono<Void> delete(UUID id) {
        return calls.<DeleteWorkflowRequest, Empty>call(DeleteWorkflowRequest.newBuilder().setId(id.toString()).build(),
                WorkflowServiceStub::deleteWorkflow, "workflow", id).then();
    }

    /** Starts a run of the latest version of {@code workflowId} with {@code inputs}; emits it once stored. */
    public Mono<WorkflowRun> start(UUID workflowId, Map<String, ?> inputs) {
        return start(StartRunRequest.newBuilder().setWorkflowId(workflowId.toString())
                .setInputs(ProtoValues.struct(inputs)), workflowId);
    }

    /** Starts a run of version {@code version} of {@code workflowId} with {@code inputs}. */
    public Mono<WorkflowRun> start(UUID workflowId, int version, Map<String, ?> inputs) {
        return start(StartRunRequest.newBuilder().setWorkflowId(workflowId.toString()).setVersion(version)
                .setInputs(ProtoValues.struct(inputs)), workflowId);
    }

    /** Run {@code runId} with every step's state, attempts, output, error and timings. */
    public Mono<WorkflowRun> run(UUID runId) {
        return runCall(GetRunRequest.newBuilder().setId(runId.toString()).build(), WorkflowServiceStub::getRun, runId);
    }

    /** A page of runs matching {@code filter}, newest first. */
    public Mono<Page<WorkflowRun>> runs(RunFilter filter) {
        ListRunsRequest request = ListRunsRequest.newBuilder().setWorkflowId(id(filter.workflowId()))
                .setOwner(text(filter.owner())).setStatus(WorkflowMessages.runStatus(filter.status()))
                .setParentRunId(id(filter.parentRunId())).setTaskInstanceId(id(filter.taskInstanceId()))
                .setPage(filter.page()).setSize(filter.size()).build();
        return calls.call(request, WorkflowServiceStub::listRuns, "workflow run", null).map(r -> new Page<>(
                r.getRunsList().stream().map(WorkflowMessages::run).toList(), r.getPage(), r.getSize(), r.getTotal()));
    }

    /** Cancels run {@code runId}: running steps stop, completed steps are compensated. */
    public Mono<WorkflowRun> cancel(UUID runId) {
        return runCall(CancelRunRequest.newBuilder().setId(runId.toString()).build(), WorkflowServiceStub::cancelRun,
                runId);
    }

    /** Starts no new step of run {@code runId} until {@link #resume}; running steps finish. */
    public Mono<WorkflowRun> pause(UUID runId) {
        return runCall(PauseRunRequest.newBuilder().setId(runId.toString()).build(), WorkflowServiceStub::pauseRun,
                runId);
    }

    /** Lets paused run {@code runId} go on. */
    public Mono<WorkflowRun> resume(UUID runId) {
        return runCall(ResumeRunRequest.newBuilder().setId(runId.toString()).build(), WorkflowServiceStub::resumeRun,
                runId);
    }

    /** Completes the waiting SIGNAL step {@code stepId} of run {@code runId} with the JSON-like {@code payload}. */
    public Mono<WorkflowRun> signal(UUID runId, String stepId, Object payload) {
        SignalRunRequest request = SignalRunRequest.newBuilder().setId(runId.toString()).setStepId(stepId)
                .setPayload(ProtoValues.value(payload)).build();
        return runCall(request, WorkflowServiceStub::signalRun, runId);
    }

    /** Runs by state, success rate and average duration of {@code owner}'s definitions, or of all when {@code null}. */
    public Mono<WorkflowStats> stats(String owner) {
        return calls.call(GetWorkflowStatsRequest.newBuilder().setOwner(text(owner)).build(),
                        WorkflowServiceStub::getWorkflowStats, "stats", null)
                .map(m -> new WorkflowStats(m.getDefinitions(), tally(m.getOverall()),
                        m.getWorkflowsList().stream().map(w -> new WorkflowStats.PerWorkflow(
                                UUID.fromString(w.getWorkflowId()), w.getName(), tally(w.getTally()))).toList()));
    }

    private Mono<WorkflowRun> start(StartRunRequest.Builder request, UUID workflowId) {
        return calls.call(request.build(), WorkflowServiceStub::startRun, "workflow", workflowId)
                .map(WorkflowMessages::run);
    }

    private <Q> Mono<WorkflowRun> runCall(Q request,
            UnaryCalls.Method<WorkflowServiceStub, Q, dev.taskflux.proto.v1.WorkflowRun> method, UUID runId) {
        return calls.call(request, method, "workflow run", runId).map(WorkflowMessages::run);
    }

    private static WorkflowStats.Tally tally(RunTally m) {
        return new WorkflowStats.Tally(m.getRunsMap(), m.getTotal(), m.hasSuccessRate() ? m.getSuccessRate() : null,
                m.hasAverageDuration() ? ProtoValues.duration(m.getAverageDuration()) : null);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String id(UUID id) {
        return id == null ? "" : id.toString();
    }
}
