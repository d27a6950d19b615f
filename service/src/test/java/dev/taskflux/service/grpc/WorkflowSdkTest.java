package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.client.BlockingTaskfluxWorkflows;
import dev.taskflux.client.RunFilter;
import dev.taskflux.client.TaskfluxWorkflows;
import dev.taskflux.client.WorkflowStats;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Workflows driven entirely through the SDK against the running service over a real port, on
 * PostgreSQL: define, start, signal, read the completed run, and the api errors the SDK raises.
 */
class WorkflowSdkTest extends SdkTest {

    private static final WorkflowSpec APPROVAL = WorkflowSpec.of("approve",
                    StepSpec.task("prepare", "noop").build(),
                    StepSpec.signal("approval", Duration.ofHours(1)).dependsOn("prepare").build(),
                    StepSpec.task("finish", "noop").dependsOn("approval")
                            .params(Map.of("by", "${steps.approval.output.by}")).build())
            .withInputs(InputSpec.required("who"), InputSpec.optional("note", "none"));

    private BlockingTaskfluxWorkflows workflows;

    @BeforeEach
    void blockingFacade() {
        workflows = client.blocking().workflows();
    }

    private WorkflowRun awaitRun(UUID id, Predicate<WorkflowRun> condition) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> workflows.run(id), condition);
    }

    private static StepRun step(WorkflowRun run, String id) {
        return run.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aDefinedWorkflowRunsToCompletionOnceSignalled() {
        WorkflowDefinition definition = workflows.create(owner, APPROVAL);
        assertThat(definition.spec()).isEqualTo(APPROVAL);

        WorkflowRun run = workflows.start(definition.id(), Map.of("who", "ann"));
        assertThat(run.inputs()).isEqualTo(Map.of("who", "ann", "note", "none"));
        awaitRun(run.id(), r -> step(r, "approval").status() == StepStatus.WAITING);
        workflows.signal(run.id(), "approval", Map.of("by", "bob"));

        WorkflowRun done = awaitRun(run.id(), r -> r.status() == RunStatus.COMPLETED);
        assertThat(step(done, "approval").output()).isEqualTo(Map.of("by", "bob"));
        assertThat(step(done, "finish").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(workflows.runs(RunFilter.ofWorkflow(definition.id()).withStatus(RunStatus.COMPLETED)).items())
                .extracting(WorkflowRun::id).containsExactly(run.id());
        WorkflowStats stats = workflows.stats(owner);
        assertThat(stats.overall().runs()).containsEntry("COMPLETED", 1L);
        assertThat(stats.overall().averageDuration()).isNotNull();
        assertThatThrownBy(() -> workflows.cancel(run.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void versionsListsAndDeletionThroughTheSdk() {
        WorkflowDefinition first = workflows.create(owner, APPROVAL);
        WorkflowSpec renamed = new WorkflowSpec("approve-2", "second", APPROVAL.inputs(), APPROVAL.steps(),
                APPROVAL.failurePolicy(), Duration.ofHours(2));
        WorkflowDefinition second = workflows.update(first.id(), renamed);

        assertThat(second.version()).isEqualTo(2);
        assertThat(workflows.get(first.id(), 1).spec()).isEqualTo(APPROVAL);
        assertThat(workflows.get(first.id()).spec()).isEqualTo(renamed);
        assertThat(workflows.list(owner, null, 0, 10).items()).extracting(WorkflowDefinition::version)
                .containsExactly(2);
        assertThat(workflows.start(first.id(), 1, Map.of("who", "ann")).workflowVersion()).isEqualTo(1);

        workflows.delete(first.id());
        assertThatThrownBy(() -> workflows.get(first.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void mistakesArriveAsApiErrors() {
        TaskfluxWorkflows reactive = client.workflows();
        StepVerifier.create(reactive.create(owner, WorkflowSpec.of("bad", StepSpec.task("a", "teleport").build())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(InvalidArgumentException.class,
                        invalid -> assertThat(invalid.violations()).anySatisfy(v -> {
                            assertThat(v.field()).isEqualTo("steps[0].handler");
                            assertThat(v.reason()).contains("teleport");
                        })))
                .verify(BOUND);
        UUID ghost = UUID.randomUUID();
        StepVerifier.create(reactive.run(ghost)).expectError(NotFoundException.class).verify(BOUND);
        StepVerifier.create(reactive.pause(ghost)).expectError(NotFoundException.class).verify(BOUND);
    }
}
