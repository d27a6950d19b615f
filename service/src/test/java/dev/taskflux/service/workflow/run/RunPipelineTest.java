package dev.taskflux.service.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.workflow.FailurePolicy;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The DAG pipeline of a run under virtual time: forks, joins, conditions, failure policies, pause, timeout. */
class RunPipelineTest {

    private final EngineFixture fx = new EngineFixture();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    RunPipelineTest() {
        fx.handler("sleep", ctx -> Mono.delay(Duration.ofSeconds(((Number) ctx.params().get("s")).longValue()), fx.time)
                .map(tick -> (Object) Map.of("slept", ctx.params().get("s"))));
        fx.handler("echo", ctx -> Mono.just(ctx.params()));
        fx.handler("fail", ctx -> Mono.error(new IllegalStateException("boom")));
        fx.handler("failLater", ctx -> Mono.delay(Duration.ofSeconds(1), fx.time)
                .then(Mono.error(new IllegalStateException("boom"))));
        fx.handler("forever", ctx -> Mono.never().doOnCancel(() -> cancelled.add(String.valueOf(ctx.params().get("name")))));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void independentBranchesRunInParallelAndTheJoinStartsWhenBothFinish() {
        UUID id = fx.start(WorkflowSpec.of("join",
                sleep("a", 10).build(), sleep("b", 10).build(),
                StepSpec.task("c", "echo").dependsOn("a", "b").params(Map.of("a", "${steps.a.output.slept}")).build()));

        assertThat(fx.step(id, "a").status()).isEqualTo(StepStatus.RUNNING);
        assertThat(fx.step(id, "b").status()).isEqualTo(StepStatus.RUNNING);
        assertThat(fx.step(id, "c").status()).isEqualTo(StepStatus.PENDING);
        fx.advance(Duration.ofSeconds(10));

        assertThat(fx.run(id).status()).isEqualTo(RunStatus.COMPLETED);
        StepRun c = fx.step(id, "c");
        assertThat(c.startedAt()).isEqualTo(EngineFixture.EPOCH.plusSeconds(10));
        assertThat(c.output()).isEqualTo(Map.of("a", 10L));
        assertThat(fx.run(id).finishedAt()).isEqualTo(EngineFixture.EPOCH.plusSeconds(10));
    }

    @Test
    void aConditionSkipsTheBranchNotTakenAndStepsThatDependOnlyOnSkippedSteps() {
        WorkflowSpec spec = WorkflowSpec.of("branch",
                StepSpec.condition("big", "inputs.n > 10").then("large").otherwise("small").build(),
                StepSpec.task("large", "echo").dependsOn("big").build(),
                StepSpec.task("small", "echo").dependsOn("big").build(),
                StepSpec.task("afterSmall", "echo").dependsOn("small").build(),
                StepSpec.task("join", "echo").dependsOn("large", "small").build())
                .withInputs(dev.taskflux.api.workflow.InputSpec.required("n"));

        UUID id = fx.start(spec, Map.of("n", 42));

        assertThat(fx.run(id).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(fx.step(id, "big").output()).isEqualTo(true);
        assertThat(fx.step(id, "large").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(fx.step(id, "small").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(fx.step(id, "afterSmall").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(fx.step(id, "join").status()).isEqualTo(StepStatus.COMPLETED);
    }

    @Test
    void failFastCancelsRunningSiblingsAndSkipsTheRest() {
        UUID id = fx.start(WorkflowSpec.of("ff",
                StepSpec.task("bad", "failLater").build(),
                forever("sibling"),
                StepSpec.task("after", "echo").dependsOn("bad").build()));
        assertThat(fx.step(id, "sibling").status()).isEqualTo(StepStatus.RUNNING);
        fx.advance(Duration.ofSeconds(1));

        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
        assertThat(fx.run(id).error()).contains("step 'bad' failed").contains("boom");
        assertThat(cancelled).containsExactly("sibling");
        assertThat(fx.step(id, "sibling").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(fx.step(id, "after").status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void continueLetsIndependentBranchesFinishBeforeTheRunFails() {
        WorkflowSpec spec = WorkflowSpec.of("cont",
                StepSpec.task("bad", "fail").build(),
                sleep("other", 5).build(),
                StepSpec.task("after", "echo").dependsOn("bad").build(),
                StepSpec.task("later", "echo").dependsOn("after", "other").build());
        spec = new WorkflowSpec(spec.name(), null, List.of(), spec.steps(), FailurePolicy.CONTINUE, null);

        UUID id = fx.start(spec);
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(fx.step(id, "after").status()).isEqualTo(StepStatus.SKIPPED);
        fx.advance(Duration.ofSeconds(5));

        assertThat(fx.step(id, "other").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(fx.step(id, "later").status()).as("depends on a step skipped for the failure")
                .isEqualTo(StepStatus.SKIPPED);
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void cancellingTheRunStopsEveryRunningStep() {
        UUID id = fx.start(WorkflowSpec.of("cancel", forever("one"), forever("two"),
                StepSpec.task("after", "echo").dependsOn("one").build()));

        var cancelledRun = fx.engine.cancel(id).block();

        assertThat(cancelledRun.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled).containsExactlyInAnyOrder("one", "two");
        assertThat(fx.step(id, "one").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(fx.step(id, "after").status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(fx.store.stored(id).status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void aPausedRunStartsNoNewStepUntilResumed() {
        UUID id = fx.start(WorkflowSpec.of("pause", sleep("first", 1).build(),
                StepSpec.task("second", "echo").dependsOn("first").build()));

        assertThat(fx.engine.pause(id).block().status()).isEqualTo(RunStatus.PAUSED);
        fx.advance(Duration.ofSeconds(1));
        assertThat(fx.step(id, "first").status()).as("running steps finish").isEqualTo(StepStatus.COMPLETED);
        fx.advance(Duration.ofHours(1));
        assertThat(fx.step(id, "second").status()).isEqualTo(StepStatus.PENDING);

        fx.engine.resume(id).block();

        assertThat(fx.step(id, "second").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void theRunTimeoutStopsItAndFailsIt() {
        WorkflowSpec spec = WorkflowSpec.of("slow", forever("stuck"));
        spec = new WorkflowSpec(spec.name(), null, List.of(), spec.steps(), FailurePolicy.FAIL_FAST, Duration.ofMinutes(1));
        UUID id = fx.start(spec);
        assertThat(fx.run(id).deadline()).isEqualTo(EngineFixture.EPOCH.plusSeconds(60));

        fx.advance(Duration.ofSeconds(59));
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.RUNNING);
        fx.advance(Duration.ofSeconds(1));

        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
        assertThat(fx.run(id).error()).contains("timed out after PT1M");
        assertThat(cancelled).containsExactly("stuck");
    }

    @Test
    void runAndStepEventsArePublishedInOrder() {
        UUID id = fx.start(WorkflowSpec.of("events", StepSpec.task("only", "echo").build()));

        assertThat(fx.events).filteredOn(e -> id.equals(e.runId())).extracting(LifecycleEvent::type)
                .containsExactly(EventType.WORKFLOW_RUN_STARTED, EventType.WORKFLOW_STEP_STARTED,
                        EventType.WORKFLOW_STEP_COMPLETED, EventType.WORKFLOW_RUN_COMPLETED);
        assertThat(fx.events.get(1).stepId()).isEqualTo("only");
    }

    private static dev.taskflux.api.workflow.StepBuilder sleep(String id, int seconds) {
        return StepSpec.task(id, "sleep").params(Map.of("s", seconds));
    }

    private static StepSpec forever(String id) {
        return StepSpec.task(id, "forever").params(Map.of("name", id)).build();
    }
}
