package dev.taskflux.service.workflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.RetryableErrors;
import dev.taskflux.service.task.WorkflowTarget;
import dev.taskflux.service.workflow.definition.DefinitionLookup;
import dev.taskflux.service.workflow.run.WorkflowRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The built-in {@code workflow} handler against a fake engine: it starts a run tagged with its
 * instance, attaches to the run its instance already started instead of starting a second one,
 * starts a new run on a retry after a failed one, and ends as the run ends.
 */
class WorkflowTaskHandlerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final WorkflowDefinition GREET = new WorkflowDefinition(UUID.randomUUID(), 3, "ops",
            WorkflowSpec.of("greet", StepSpec.task("only", "noop").build()), Instant.EPOCH);

    private final FakeRuns runs = new FakeRuns();
    private final WorkflowTaskHandler handler = handler(runs);
    private final UUID instance = UUID.randomUUID();

    private static WorkflowTaskHandler handler(FakeRuns runs) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("runs", runs);
        beans.addBean("definitions", (DefinitionLookup) new DefinitionLookup() {
            @Override
            public Mono<WorkflowDefinition> version(UUID id, int version) {
                return Mono.empty();
            }

            @Override
            public Mono<WorkflowDefinition> latest(String owner, String reference) {
                return "ops".equals(owner) && "greet".equals(reference) ? Mono.just(GREET) : Mono.empty();
            }
        });
        return new WorkflowTaskHandler(beans.getBeanProvider(WorkflowRuns.class),
                beans.getBeanProvider(DefinitionLookup.class));
    }

    private HandlerContext context(String workflow, int attempt) {
        return new HandlerContext(instance, UUID.randomUUID(), WorkflowTarget.HANDLER,
                new WorkflowTarget(workflow, Map.of("who", "ann")).params(), attempt, Instant.EPOCH, "ops");
    }

    @Test
    void startsARunTaggedWithTheInstanceAndCompletesWhenItDoes() {
        StepVerifier.create(handler.handle(context("greet", 1)))
                .then(() -> {
                    assertThat(runs.started).singleElement().satisfies(run -> {
                        assertThat(run.taskInstanceId()).isEqualTo(instance);
                        assertThat(run.inputs()).isEqualTo(Map.of("who", "ann"));
                        assertThat(run.workflowVersion()).isEqualTo(3);
                    });
                    runs.end(runs.started.get(0).id(), RunStatus.COMPLETED, null);
                })
                .assertNext(result -> assertThat(result).isEqualTo(Map.of("runId", runs.started.get(0).id().toString(),
                        "workflowId", GREET.id().toString(), "workflowVersion", 3, "status", "COMPLETED")))
                .expectComplete().verify(WAIT);
    }

    @Test
    void attachesToTheRunItsInstanceAlreadyStarted() {
        WorkflowRun earlier = runs.add(instance, RunStatus.RUNNING);
        StepVerifier.create(handler.handle(context("greet", 2)))
                .then(() -> runs.end(earlier.id(), RunStatus.COMPLETED, null))
                .assertNext(result -> assertThat(result).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("runId", earlier.id().toString()))
                .expectComplete().verify(WAIT);
        assertThat(runs.started).isEmpty();
    }

    @Test
    void aRetryAfterAFailedRunStartsANewOne() {
        runs.add(instance, RunStatus.FAILED);
        StepVerifier.create(handler.handle(context("greet", 2)))
                .then(() -> runs.end(runs.started.get(0).id(), RunStatus.COMPLETED, null))
                .expectNextCount(1).expectComplete().verify(WAIT);
        assertThat(runs.started).hasSize(1);
    }

    @Test
    void aFailedRunFailsTheAttemptRetryablyAndACancelledOneForGood() {
        StepVerifier.create(handler.handle(context("greet", 1)))
                .then(() -> runs.end(runs.started.get(0).id(), RunStatus.FAILED, "step 'only' failed"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).hasMessageContaining("ended FAILED: step 'only' failed");
                    assertThat(RetryableErrors.isRetryable(e)).isTrue();
                })
                .verify(WAIT);
        runs.started.clear();
        StepVerifier.create(handler.handle(context("greet", 2)))
                .then(() -> runs.end(runs.started.get(0).id(), RunStatus.CANCELLED, null))
                .expectErrorSatisfies(e -> {
                    assertThat(e).hasMessageContaining("was cancelled");
                    assertThat(RetryableErrors.isRetryable(e)).isFalse();
                })
                .verify(WAIT);
    }

    @Test
    void anUnknownWorkflowFailsWithoutRetry() {
        StepVerifier.create(handler.handle(context("nobody", 1)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).hasMessage("unknown workflow 'nobody' of owner 'ops'");
                    assertThat(RetryableErrors.isRetryable(e)).isFalse();
                })
                .verify(WAIT);
    }

    /** Runs kept in memory; each ends when the test says so. */
    static final class FakeRuns implements WorkflowRuns {
        final List<WorkflowRun> started = new CopyOnWriteArrayList<>();
        private final List<WorkflowRun> all = new CopyOnWriteArrayList<>();
        private final Map<UUID, Sinks.One<WorkflowRun>> ends = new ConcurrentHashMap<>();

        WorkflowRun add(UUID taskInstanceId, RunStatus status) {
            WorkflowRun run = new WorkflowRun(UUID.randomUUID(), GREET.id(), GREET.version(), "greet", "ops", status,
                    Map.of(), List.of(), null, null, taskInstanceId, Instant.EPOCH, null, null, null);
            all.add(0, run);
            ends.put(run.id(), Sinks.one());
            return run;
        }

        void end(UUID id, RunStatus status, String error) {
            WorkflowRun run = all.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            WorkflowRun ended = new WorkflowRun(id, run.workflowId(), run.workflowVersion(), run.workflowName(),
                    run.owner(), status, run.inputs(), List.of(), error, null, run.taskInstanceId(), run.createdAt(),
                    null, Instant.EPOCH, null);
            all.set(all.indexOf(run), ended);
            ends.get(id).tryEmitValue(ended);
        }

        @Override
        public Mono<WorkflowRun> start(WorkflowDefinition definition, Map<String, Object> inputs, UUID taskInstanceId) {
            return Mono.fromSupplier(() -> {
                WorkflowRun added = add(taskInstanceId, RunStatus.PENDING);
                WorkflowRun run = new WorkflowRun(added.id(), definition.id(), definition.version(),
                        definition.spec().name(), definition.owner(), RunStatus.PENDING, inputs, List.of(), null, null,
                        taskInstanceId, Instant.EPOCH, null, null, null);
                started.add(run);
                return run;
            });
        }

        @Override
        public Flux<WorkflowRun> list(RunQuery query) {
            return Flux.fromIterable(all).filter(r -> r.taskInstanceId().equals(query.taskInstanceId()));
        }

        @Override
        public Mono<WorkflowRun> awaitEnd(UUID runId) {
            return ends.get(runId).asMono();
        }

        @Override
        public Mono<WorkflowRun> get(UUID runId) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<Long> count(RunQuery query) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<WorkflowRun> cancel(UUID runId) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<WorkflowRun> pause(UUID runId) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<WorkflowRun> resume(UUID runId) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<WorkflowRun> signal(UUID runId, String stepId, Object payload) {
            return Mono.error(new UnsupportedOperationException());
        }
    }
}
