package dev.taskflux.service.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** TASK retries, WAIT, SIGNAL, compensation and sub-workflows under virtual time, and resuming after a restart. */
class StepTypesTest {

    private final EngineFixture fx = new EngineFixture();
    private final List<String> compensated = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    StepTypesTest() {
        fx.handler("echo", ctx -> Mono.just(ctx.params()));
        fx.handler("fail", ctx -> Mono.error(new IllegalStateException("boom")));
        fx.handler("undo", ctx -> Mono.fromRunnable(() -> compensated.add((String) ctx.params().get("step"))));
        fx.handler("flaky", ctx -> calls.incrementAndGet() <= 2 ? Mono.error(new IllegalStateException("flake"))
                : Mono.just("ok"));
        fx.handler("forever", ctx -> Mono.never());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aTaskIsRetriedWithBackoffAndEveryAttemptIsKept() {
        UUID id = fx.start(WorkflowSpec.of("retry", StepSpec.task("t", "flaky")
                .retry(RetryPolicy.fixed(3, Duration.ofSeconds(10))).build()));

        assertThat(fx.step(id, "t").status()).isEqualTo(StepStatus.RETRYING);
        fx.advance(Duration.ofSeconds(9));
        assertThat(calls).hasValue(1);
        fx.advance(Duration.ofSeconds(11));

        StepRun t = fx.step(id, "t");
        assertThat(t.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(t.output()).isEqualTo("ok");
        assertThat(t.attempts()).extracting(Attempt::outcome)
                .containsExactly(InstanceStatus.FAILED, InstanceStatus.FAILED, InstanceStatus.COMPLETED);
        assertThat(t.attempts().get(2).startedAt()).isEqualTo(EngineFixture.EPOCH.plusSeconds(20));
        assertThat(fx.store.steps(id).get("t").attempts()).hasSize(3);
    }

    @Test
    void aWaitKeepsItsDeadlineAcrossARestart() {
        UUID id = fx.start(WorkflowSpec.of("wait", StepSpec.waitFor("pause", Duration.ofHours(1)).build(),
                StepSpec.task("after", "echo").dependsOn("pause").build()));
        Instant deadline = EngineFixture.EPOCH.plus(Duration.ofHours(1));
        assertThat(fx.step(id, "pause").waitUntil()).isEqualTo(deadline);

        fx.advance(Duration.ofMinutes(40));
        fx.restart();
        assertThat(fx.step(id, "pause").status()).isEqualTo(StepStatus.WAITING);
        assertThat(fx.step(id, "pause").waitUntil()).isEqualTo(deadline);
        fx.advance(Duration.ofMinutes(19));
        assertThat(fx.step(id, "after").status()).isEqualTo(StepStatus.PENDING);
        fx.advance(Duration.ofMinutes(1));

        assertThat(fx.step(id, "after").startedAt()).isEqualTo(deadline);
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aSignalCompletesItsStepWithThePayloadLaterStepsRead() {
        UUID id = fx.start(WorkflowSpec.of("approve", StepSpec.signal("approval", Duration.ofMinutes(5)).build(),
                StepSpec.task("act", "echo").dependsOn("approval").params(Map.of("by", "${steps.approval.output.by}"))
                        .build()));
        assertThatThrownBy(() -> fx.engine.signal(id, "act", Map.of()).block()).isInstanceOf(ConflictException.class);

        fx.engine.signal(id, "approval", Map.of("by", "ada")).block();

        assertThat(fx.step(id, "approval").output()).isEqualTo(Map.of("by", "ada"));
        assertThat(fx.step(id, "act").output()).isEqualTo(Map.of("by", "ada"));
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aSignalThatDoesNotComeInTimeFailsTheStep() {
        UUID id = fx.start(WorkflowSpec.of("approve", StepSpec.signal("approval", Duration.ofMinutes(5)).build()));

        fx.advance(Duration.ofMinutes(5));

        assertThat(fx.step(id, "approval").status()).isEqualTo(StepStatus.FAILED);
        assertThat(fx.step(id, "approval").error()).contains("no signal");
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void completedStepsAreCompensatedInReverseDependencyOrder() {
        UUID id = fx.start(WorkflowSpec.of("saga",
                StepSpec.task("reserve", "echo").compensate("undo", Map.of("step", "reserve")).build(),
                StepSpec.task("charge", "echo").dependsOn("reserve").compensate("undo", Map.of("step", "charge")).build(),
                StepSpec.task("notify", "echo").dependsOn("reserve").build(),
                StepSpec.task("ship", "fail").dependsOn("charge", "notify").build()));

        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
        assertThat(compensated).containsExactly("charge", "reserve");
        assertThat(fx.step(id, "charge").status()).isEqualTo(StepStatus.COMPENSATED);
        assertThat(fx.step(id, "charge").compensation().succeeded()).isTrue();
        assertThat(fx.step(id, "notify").status()).as("no compensating handler").isEqualTo(StepStatus.COMPLETED);
    }

    @Test
    void aStepRunningWhenItsNodeStoppedIsRetriedUnderItsPolicy() {
        UUID id = fx.start(WorkflowSpec.of("lost", StepSpec.task("long", "forever")
                .retry(RetryPolicy.fixed(1, Duration.ofSeconds(1))).build()));

        fx.restart();

        List<Attempt> attempts = fx.step(id, "long").attempts();
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(InstanceStatus.FAILED, InstanceStatus.RUNNING);
        assertThat(attempts.get(0).error()).contains("stopped");
        fx.restart();
        assertThat(fx.step(id, "long").status()).isEqualTo(StepStatus.FAILED);
        assertThat(fx.step(id, "long").error()).contains("no retry left");
    }

    @Test
    void aRunWhoseNodeStoppedWhileFailingFastFailsWhenResumed() {
        UUID id = fx.start(WorkflowSpec.of("ff", StepSpec.task("one", "forever").build(),
                StepSpec.task("two", "forever").build()));
        fx.engine.stopAll();
        StepRun failed = StepEdit.of(fx.store.steps(id).get("one")).status(StepStatus.FAILED).error("boom").build();
        fx.store.write(List.of(new RunChange(id, failed, null, null)), List.of()).block();

        fx.restart();

        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
        assertThat(fx.run(id).error()).isEqualTo("step 'one' failed: boom");
        assertThat(fx.step(id, "two").status()).isEqualTo(StepStatus.CANCELLED);
    }

    @Test
    void aSubWorkflowRunsAsAChildAndCancellingTheParentCancelsIt() {
        fx.define(WorkflowSpec.of("child", StepSpec.task("work", "echo").params(Map.of("x", "${inputs.x}")).build())
                .withInputs(InputSpec.required("x")));
        UUID done = fx.start(WorkflowSpec.of("parent", StepSpec.subWorkflow("sub", "child")
                .inputs(Map.of("x", 7)).build()));
        assertThat(fx.step(done, "sub").output()).isEqualTo(Map.of("work", Map.of("x", 7L)));

        fx.define(WorkflowSpec.of("stuck", StepSpec.task("wait", "forever").build()));
        UUID parent = fx.start(WorkflowSpec.of("parent2", StepSpec.subWorkflow("sub", "stuck").build()));
        UUID child = fx.engine.list(WorkflowRuns.RunQuery.childrenOf(parent)).blockFirst().id();
        fx.engine.cancel(parent).block();

        assertThat(fx.run(child).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(fx.run(parent).status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void missingAndUnknownInputsAreRejectedByName() {
        WorkflowSpec spec = WorkflowSpec.of("inputs", StepSpec.task("t", "echo").build())
                .withInputs(InputSpec.required("path"), InputSpec.optional("mode", "fast"));

        assertThatThrownBy(() -> fx.start(spec, Map.of("other", 1)))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactlyInAnyOrder("inputs.path", "inputs.other"));
        UUID id = fx.start(spec, Map.of("path", "/tmp"));
        assertThat(fx.run(id).inputs()).isEqualTo(Map.of("path", "/tmp", "mode", "fast"));
    }
}
