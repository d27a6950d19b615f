package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.taskflux.proto.v1.CancelRunRequest;
import dev.taskflux.proto.v1.CreateWorkflowRequest;
import dev.taskflux.proto.v1.DeleteWorkflowRequest;
import dev.taskflux.proto.v1.FailurePolicy;
import dev.taskflux.proto.v1.GetRunRequest;
import dev.taskflux.proto.v1.GetWorkflowRequest;
import dev.taskflux.proto.v1.GetWorkflowStatsRequest;
import dev.taskflux.proto.v1.HandlerCall;
import dev.taskflux.proto.v1.InputSpec;
import dev.taskflux.proto.v1.ListRunsRequest;
import dev.taskflux.proto.v1.ListWorkflowsRequest;
import dev.taskflux.proto.v1.MapFailurePolicy;
import dev.taskflux.proto.v1.PauseRunRequest;
import dev.taskflux.proto.v1.PipelineStage;
import dev.taskflux.proto.v1.ResumeRunRequest;
import dev.taskflux.proto.v1.RetryPolicy;
import dev.taskflux.proto.v1.RunStatus;
import dev.taskflux.proto.v1.SignalRunRequest;
import dev.taskflux.proto.v1.StartRunRequest;
import dev.taskflux.proto.v1.StepRun;
import dev.taskflux.proto.v1.StepSpec;
import dev.taskflux.proto.v1.StepStatus;
import dev.taskflux.proto.v1.StepType;
import dev.taskflux.proto.v1.UpdateWorkflowRequest;
import dev.taskflux.proto.v1.Workflow;
import dev.taskflux.proto.v1.WorkflowRun;
import dev.taskflux.proto.v1.WorkflowSpec;
import dev.taskflux.proto.v1.WorkflowStats;
import io.grpc.Status;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Every workflow operation over gRPC, with the REST API's validation and errors. */
class WorkflowGrpcServiceTest extends InProcessGrpcTest {

    private static final com.google.protobuf.Duration HOUR = com.google.protobuf.Duration.newBuilder()
            .setSeconds(3600).build();

    private static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    private static StepSpec.Builder step(String id, StepType type) {
        return StepSpec.newBuilder().setId(id).setType(type);
    }

    /** prepare (TASK) → approval (SIGNAL) → finish (TASK reading the signal's payload). */
    private static WorkflowSpec approval(String name) {
        return WorkflowSpec.newBuilder().setName(name)
                .addInputs(InputSpec.newBuilder().setName("who").setRequired(true))
                .addInputs(InputSpec.newBuilder().setName("note").setDefault(text("none")))
                .addSteps(step("prepare", StepType.STEP_TYPE_TASK).setHandler("noop"))
                .addSteps(step("approval", StepType.STEP_TYPE_SIGNAL).addDependsOn("prepare").setTimeout(HOUR))
                .addSteps(step("finish", StepType.STEP_TYPE_TASK).addDependsOn("approval").setHandler("noop")
                        .setParams(Struct.newBuilder().putFields("by", text("${steps.approval.output.by}"))))
                .build();
    }

    private Workflow create(WorkflowSpec spec) {
        return workflows.createWorkflow(CreateWorkflowRequest.newBuilder().setOwner(owner).setSpec(spec).build());
    }

    private WorkflowRun start(Workflow workflow) {
        return workflows.startRun(StartRunRequest.newBuilder().setWorkflowId(workflow.getId())
                .setInputs(Struct.newBuilder().putFields("who", text("ann"))).build());
    }

    private WorkflowRun awaitRun(String id, Predicate<WorkflowRun> condition) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> workflows.getRun(GetRunRequest.newBuilder().setId(id).build()), condition);
    }

    private static StepRun step(WorkflowRun run, String id) {
        return run.getStepsList().stream().filter(s -> s.getStepId().equals(id)).findFirst().orElseThrow();
    }

    private static boolean waitingForApproval(WorkflowRun run) {
        return step(run, "approval").getStatus() == StepStatus.STEP_STATUS_WAITING;
    }

    @Test
    void everyStepTypeKeepsItsFieldsThroughCreateAndGet() {
        Workflow child = create(WorkflowSpec.newBuilder().setName("child-" + UUID.randomUUID())
                .addSteps(step("only", StepType.STEP_TYPE_TASK).setHandler("noop")).build());
        WorkflowSpec spec = WorkflowSpec.newBuilder().setName("every-type").setDescription("all of them")
                .setFailurePolicy(FailurePolicy.FAILURE_POLICY_CONTINUE).setTimeout(HOUR)
                .addInputs(InputSpec.newBuilder().setName("items").setRequired(true).setDescription("to map"))
                .addSteps(step("load", StepType.STEP_TYPE_TASK).setHandler("noop").setTimeout(HOUR)
                        .setRetry(RetryPolicy.newBuilder().setMaxRetries(2))
                        .setCompensate(HandlerCall.newBuilder().setHandler("noop")))
                .addSteps(step("check", StepType.STEP_TYPE_CONDITION).addDependsOn("load")
                        .setExpression("size(inputs.items) > 1").addThen("pause").addElse("fan"))
                .addSteps(step("pause", StepType.STEP_TYPE_WAIT).addDependsOn("check").setDuration(HOUR))
                .addSteps(step("fan", StepType.STEP_TYPE_MAP).addDependsOn("check").setItems("inputs.items")
                        .setHandler("noop").setConcurrency(4).setDeduplicate(true)
                        .setFailure(MapFailurePolicy.MAP_FAILURE_POLICY_AT_END))
                .addSteps(step("flow", StepType.STEP_TYPE_PIPELINE).setItems("inputs.items")
                        .addStages(PipelineStage.newBuilder().setName("one").setHandler("noop").setConcurrency(2))
                        .addStages(PipelineStage.newBuilder().setName("two").setHandler("noop").setWhen("item > 1"))
                        .setMerge(HandlerCall.newBuilder().setHandler("noop")))
                .addSteps(step("nested", StepType.STEP_TYPE_SUB_WORKFLOW).setWorkflow(child.getId()))
                .build();

        Workflow created = create(spec);

        assertThat(created.getVersion()).isEqualTo(1);
        assertThat(created.getOwner()).isEqualTo(owner);
        Workflow read = workflows.getWorkflow(GetWorkflowRequest.newBuilder().setId(created.getId()).build());
        assertThat(read).isEqualTo(created);
        WorkflowSpec stored = read.getSpec();
        assertThat(stored.getFailurePolicy()).isEqualTo(FailurePolicy.FAILURE_POLICY_CONTINUE);
        assertThat(stored.getInputs(0).getDescription()).isEqualTo("to map");
        assertThat(stored.getSteps(0).getRetry().getMaxRetries()).isEqualTo(2);
        assertThat(stored.getSteps(0).getCompensate().getHandler()).isEqualTo("noop");
        assertThat(stored.getSteps(1).getThenList()).containsExactly("pause");
        assertThat(stored.getSteps(1).getElseList()).containsExactly("fan");
        assertThat(stored.getSteps(2).getDuration()).isEqualTo(HOUR);
        assertThat(stored.getSteps(3).getConcurrency()).isEqualTo(4);
        assertThat(stored.getSteps(3).getDeduplicate()).isTrue();
        assertThat(stored.getSteps(3).getFailure()).isEqualTo(MapFailurePolicy.MAP_FAILURE_POLICY_AT_END);
        assertThat(stored.getSteps(4).getStagesList()).extracting(PipelineStage::getName).containsExactly("one", "two");
        assertThat(stored.getSteps(4).getStages(1).getWhen()).isEqualTo("item > 1");
        assertThat(stored.getSteps(4).getMerge().getHandler()).isEqualTo("noop");
        assertThat(stored.getSteps(5).getWorkflow()).isEqualTo(child.getId());
    }

    @Test
    void updatesMakeVersionsListsFindTheLatestAndDeleteHidesIt() {
        Workflow created = create(approval("versioned"));
        Workflow updated = workflows.updateWorkflow(UpdateWorkflowRequest.newBuilder().setId(created.getId())
                .setSpec(approval("versioned").toBuilder().setDescription("second")).build());

        assertThat(updated.getVersion()).isEqualTo(2);
        assertThat(workflows.getWorkflow(GetWorkflowRequest.newBuilder().setId(created.getId()).setVersion(1)
                .build()).getSpec().getDescription()).isEmpty();
        var page = workflows.listWorkflows(ListWorkflowsRequest.newBuilder().setOwner(owner).build());
        assertThat(page.getWorkflowsList()).extracting(Workflow::getVersion).containsExactly(2);
        assertThat(page.getTotal()).isEqualTo(1);
        assertThat(page.getSize()).isEqualTo(TaskGrpcService.DEFAULT_PAGE_SIZE);
        assertThat(workflows.listWorkflows(ListWorkflowsRequest.newBuilder().setOwner(owner).setName("nothing")
                .build()).getWorkflowsList()).isEmpty();

        workflows.deleteWorkflow(DeleteWorkflowRequest.newBuilder().setId(created.getId()).build());

        assertThat(Statuses.of(() -> workflows.getWorkflow(GetWorkflowRequest.newBuilder().setId(created.getId())
                .build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Statuses.of(() -> workflows.deleteWorkflow(DeleteWorkflowRequest.newBuilder()
                .setId(created.getId()).build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aRunWaitsForItsSignalAndCompletesWithThePayload() {
        Workflow workflow = create(approval("approve"));
        WorkflowRun run = start(workflow);
        assertThat(run.getWorkflowVersion()).isEqualTo(1);
        assertThat(run.getInputs().getFieldsMap()).containsEntry("note", text("none"));
        assertThat(run.getStepsList()).extracting(StepRun::getStepId).containsExactly("prepare", "approval", "finish");
        awaitRun(run.getId(), WorkflowGrpcServiceTest::waitingForApproval);

        workflows.signalRun(SignalRunRequest.newBuilder().setId(run.getId()).setStepId("approval")
                .setPayload(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("by", text("bob"))))
                .build());

        WorkflowRun done = awaitRun(run.getId(), r -> r.getStatus() == RunStatus.RUN_STATUS_COMPLETED);
        assertThat(step(done, "approval").getOutput().getStructValue().getFieldsMap()).containsEntry("by", text("bob"));
        assertThat(step(done, "finish").getStatus()).isEqualTo(StepStatus.STEP_STATUS_COMPLETED);
        assertThat(done.hasFinishedAt()).isTrue();

        WorkflowStats stats = workflows.getWorkflowStats(GetWorkflowStatsRequest.newBuilder().setOwner(owner).build());
        assertThat(stats.getDefinitions()).isEqualTo(1);
        assertThat(stats.getOverall().getRunsMap()).containsEntry("COMPLETED", 1L);
        assertThat(stats.getOverall().getSuccessRate()).isEqualTo(1.0);
        assertThat(stats.getWorkflowsList()).extracting(w -> w.getWorkflowId()).containsExactly(workflow.getId());
    }

    @Test
    void pauseResumeAndCancelSteerTheRunAndRefuseWhatItsStateForbids() {
        WorkflowRun run = start(create(approval("steered")));
        awaitRun(run.getId(), WorkflowGrpcServiceTest::waitingForApproval);

        assertThat(workflows.pauseRun(PauseRunRequest.newBuilder().setId(run.getId()).build()).getStatus())
                .isEqualTo(RunStatus.RUN_STATUS_PAUSED);
        assertThat(Statuses.of(() -> workflows.pauseRun(PauseRunRequest.newBuilder().setId(run.getId()).build()))
                .getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(workflows.resumeRun(ResumeRunRequest.newBuilder().setId(run.getId()).build()).getStatus())
                .isEqualTo(RunStatus.RUN_STATUS_RUNNING);
        workflows.cancelRun(CancelRunRequest.newBuilder().setId(run.getId()).build());
        awaitRun(run.getId(), r -> r.getStatus() == RunStatus.RUN_STATUS_CANCELLED);

        Status again = Statuses.of(() -> workflows.cancelRun(CancelRunRequest.newBuilder().setId(run.getId()).build()));
        assertThat(again.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(again.getDescription()).contains("CANCELLED");
        assertThat(Statuses.of(() -> workflows.signalRun(SignalRunRequest.newBuilder().setId(run.getId())
                .setStepId("approval").build())).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void listRunsFiltersByWorkflowOwnerAndStatus() {
        Workflow a = create(approval("listed-a"));
        Workflow b = create(approval("listed-b"));
        WorkflowRun first = start(a);
        start(a);
        start(b);
        workflows.cancelRun(CancelRunRequest.newBuilder().setId(first.getId()).build());
        awaitRun(first.getId(), r -> r.getStatus() == RunStatus.RUN_STATUS_CANCELLED);

        var ofA = workflows.listRuns(ListRunsRequest.newBuilder().setWorkflowId(a.getId()).setSize(1).build());
        assertThat(ofA.getTotal()).isEqualTo(2);
        assertThat(ofA.getRunsCount()).isEqualTo(1);
        assertThat(workflows.listRuns(ListRunsRequest.newBuilder().setOwner(owner).build()).getTotal()).isEqualTo(3);
        var cancelled = workflows.listRuns(ListRunsRequest.newBuilder().setOwner(owner)
                .setStatus(RunStatus.RUN_STATUS_CANCELLED).build());
        assertThat(cancelled.getRunsList()).extracting(WorkflowRun::getId).containsExactly(first.getId());
    }

    @Test
    void badDefinitionsAreInvalidArgumentNamingTheStepField() {
        WorkflowSpec unknownHandler = WorkflowSpec.newBuilder().setName("bad")
                .addSteps(step("a", StepType.STEP_TYPE_TASK).setHandler("teleport")).build();
        assertThat(Statuses.violations(() -> create(unknownHandler)))
                .anySatisfy(v -> assertThat(v).startsWith("steps[0].handler:").contains("teleport"));

        WorkflowSpec cycle = WorkflowSpec.newBuilder().setName("cycle")
                .addSteps(step("a", StepType.STEP_TYPE_TASK).setHandler("noop").addDependsOn("b"))
                .addSteps(step("b", StepType.STEP_TYPE_TASK).setHandler("noop").addDependsOn("a")).build();
        assertThat(Statuses.violations(() -> create(cycle)))
                .anySatisfy(v -> assertThat(v).contains("dependsOn").contains("a -> b -> a"));

        WorkflowSpec badExpression = WorkflowSpec.newBuilder().setName("expr")
                .addSteps(step("c", StepType.STEP_TYPE_CONDITION).setExpression("inputs.x >")).build();
        assertThat(Statuses.violations(() -> create(badExpression)))
                .anySatisfy(v -> assertThat(v).startsWith("steps[0].expression:"));

        assertThat(Statuses.violations(() -> workflows.updateWorkflow(UpdateWorkflowRequest.newBuilder()
                .setId(create(approval("owned")).getId()).setOwner("someone-else").setSpec(approval("owned")).build())))
                .anySatisfy(v -> assertThat(v).startsWith("owner:"));
    }

    @Test
    void badRequestsAreInvalidArgumentNamingTheField() {
        Workflow workflow = create(approval("inputs"));
        assertThat(Statuses.violations(() -> workflows.startRun(StartRunRequest.newBuilder()
                .setWorkflowId(workflow.getId()).build())))
                .singleElement().asString().startsWith("inputs.who: is required");
        assertThat(Statuses.violations(() -> workflows.getRun(GetRunRequest.newBuilder().setId("abc").build())))
                .containsExactly("id: must be a UUID");
        assertThat(Statuses.violations(() -> workflows.startRun(StartRunRequest.getDefaultInstance())))
                .containsExactly("workflow_id: is required");
        assertThat(Statuses.violations(() -> workflows.listRuns(ListRunsRequest.newBuilder().setSize(501).build())))
                .containsExactly("size: must be between 1 and 500");
        assertThat(Statuses.violations(() -> workflows.listRuns(ListRunsRequest.newBuilder()
                .setParentRunId("x").build()))).containsExactly("parent_run_id: must be a UUID");
        assertThat(Statuses.violations(() -> workflows.listWorkflows(ListWorkflowsRequest.newBuilder().setPage(-1)
                .build()))).containsExactly("page: must not be negative");
        assertThat(Statuses.violations(() -> workflows.signalRun(SignalRunRequest.newBuilder()
                .setId(UUID.randomUUID().toString()).build()))).containsExactly("step_id: is required");
    }

    @Test
    void unknownWorkflowsRunsVersionsAndStepsAreNotFound() {
        String ghost = UUID.randomUUID().toString();
        assertThat(Statuses.of(() -> workflows.getRun(GetRunRequest.newBuilder().setId(ghost).build())).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Statuses.of(() -> workflows.pauseRun(PauseRunRequest.newBuilder().setId(ghost).build()))
                .getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Statuses.of(() -> workflows.resumeRun(ResumeRunRequest.newBuilder().setId(ghost).build()))
                .getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Statuses.of(() -> workflows.startRun(StartRunRequest.newBuilder().setWorkflowId(ghost).build()))
                .getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Statuses.of(() -> workflows.updateWorkflow(UpdateWorkflowRequest.newBuilder().setId(ghost)
                .setSpec(approval("ghost")).build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        Workflow workflow = create(approval("steps"));
        assertThat(Statuses.of(() -> workflows.getWorkflow(GetWorkflowRequest.newBuilder().setId(workflow.getId())
                .setVersion(9).build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        WorkflowRun run = start(workflow);
        assertThat(Statuses.of(() -> workflows.signalRun(SignalRunRequest.newBuilder().setId(run.getId())
                .setStepId("nowhere").build())).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
}
