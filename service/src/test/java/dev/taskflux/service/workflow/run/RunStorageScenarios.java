package dev.taskflux.service.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.workflow.MapFailurePolicy;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;

/**
 * Run persistence on a real database: every step's state, attempts, output and timings are stored;
 * a run left by a stopped node resumes here without running its finished steps again, its wait
 * keeping its deadline and its running step retried.
 */
abstract class RunStorageScenarios extends IntegrationTest {

    @Autowired
    WorkflowRuns runs;
    @Autowired
    RunStore store;
    @Autowired
    DatabaseClient db;
    @Autowired
    LifecycleEvents events;

    @Test
    void everyStepIsStoredWithItsAttemptsOutputAndTimings() {
        List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
        Disposable watch = events.stream().filter(e -> owner.equals(e.owner())).subscribe(seen::add);
        try {
            WorkflowSpec spec = WorkflowSpec.of("stored",
                    StepSpec.task("flaky", "flaky").params(Map.of("failures", 1))
                            .retry(RetryPolicy.fixed(2, Duration.ofMillis(50))).build(),
                    StepSpec.map("fan", "[1, 2, 2, 3]", "quick").deduplicate(true).failure(MapFailurePolicy.NEVER)
                            .dependsOn("flaky").build(),
                    StepSpec.task("skipped", "quick").dependsOn("never").build(),
                    StepSpec.condition("never", "false").then("skipped").build());
            WorkflowRun started = runs.start(definition(spec), Map.of(), null).block();

            WorkflowRun ended = runs.awaitEnd(started.id()).block(BOUND);
            assertThat(ended.status()).isEqualTo(RunStatus.COMPLETED);

            WorkflowRun stored = store.find(started.id()).block().run();
            assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(stored.finishedAt()).isNotNull();
            StepRun flaky = step(stored, "flaky");
            assertThat(flaky.attempts()).extracting(Attempt::outcome)
                    .containsExactly(InstanceStatus.FAILED, InstanceStatus.COMPLETED);
            assertThat(flaky.output()).isEqualTo(Map.of("call", 2));
            assertThat(flaky.startedAt()).isBeforeOrEqualTo(flaky.finishedAt());
            StepRun fan = step(stored, "fan");
            assertThat(fan.progress()).isEqualTo(new StepRun.Progress(3, 3));
            assertThat(((Map<?, ?>) fan.output()).get("succeeded")).isEqualTo(3);
            assertThat(step(stored, "skipped").status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(runs.get(started.id()).block()).isEqualTo(stored);
            await().atMost(BOUND).until(() -> seen.stream().anyMatch(e -> e.type() == EventType.WORKFLOW_RUN_COMPLETED));
            assertThat(seen).extracting(LifecycleEvent::type).contains(EventType.WORKFLOW_RUN_STARTED,
                    EventType.WORKFLOW_STEP_RETRYING, EventType.WORKFLOW_STEP_SKIPPED);
        } finally {
            watch.dispose();
        }
    }

    @Test
    void aRunLeftByAStoppedNodeResumesWhereItStopped() {
        WorkflowSpec spec = WorkflowSpec.of("resumed",
                StepSpec.task("done", "flaky").params(Map.of("failures", 0)).build(),
                StepSpec.task("busy", "flaky").params(Map.of("failures", 0))
                        .retry(RetryPolicy.fixed(1, Duration.ofMillis(10))).dependsOn("done").build(),
                StepSpec.waitFor("pause", Duration.ofHours(1)).dependsOn("done").build(),
                StepSpec.task("last", "quick").dependsOn("busy", "pause").build());
        Instant past = Instant.now().minusSeconds(60);
        UUID id = insertPending(spec, past);
        Instant waitUntil = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        db.sql("UPDATE workflow_step SET status = 'COMPLETED', output = '{\"kept\":true}', finished_at = $2 "
                + "WHERE run_id = $1 AND step_id = 'done'").bind(0, id).bind(1, past).then().block();
        db.sql("UPDATE workflow_step SET status = 'RUNNING', started_at = $2, attempts = $3 WHERE run_id = $1 "
                        + "AND step_id = 'busy'").bind(0, id).bind(1, past)
                .bind(2, "[{\"number\":1,\"startedAt\":\"" + past + "\",\"outcome\":\"RUNNING\"}]").then().block();
        db.sql("UPDATE workflow_step SET status = 'WAITING', started_at = $2, wait_until = $3 WHERE run_id = $1 "
                + "AND step_id = 'pause'").bind(0, id).bind(1, past).bind(2, waitUntil).then().block();
        db.sql("UPDATE workflow_run SET status = 'RUNNING', started_at = $2, lease_owner = 'dead-node', "
                + "lease_expires_at = $2 WHERE id = $1").bind(0, id).bind(1, past).then().block();

        WorkflowRun ended = await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> store.find(id).block().run(), r -> r.status().isFinal());

        assertThat(ended.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(step(ended, "done").output()).as("not run again").isEqualTo(Map.of("kept", true));
        assertThat(step(ended, "busy").attempts()).extracting(Attempt::outcome)
                .containsExactly(InstanceStatus.FAILED, InstanceStatus.COMPLETED);
        assertThat(step(ended, "pause").waitUntil()).isEqualTo(waitUntil);
        assertThat(step(ended, "pause").finishedAt()).isAfterOrEqualTo(waitUntil)
                .isBefore(waitUntil.plus(Duration.ofMinutes(1)));
    }

    @Test
    void runsAreListedAndCountedByDefinitionStateAndOwner() {
        WorkflowDefinition definition = definition(WorkflowSpec.of("listed", StepSpec.task("q", "quick").build()));
        UUID first = runs.start(definition, Map.of(), null).block().id();
        UUID second = runs.start(definition, Map.of(), UUID.randomUUID()).block().id();
        runs.awaitEnd(first).block(BOUND);
        runs.awaitEnd(second).block(BOUND);

        WorkflowRuns.RunQuery query = new WorkflowRuns.RunQuery(definition.id(), owner, RunStatus.COMPLETED, 0, 10);
        assertThat(runs.list(query).map(WorkflowRun::id).collectList().block()).containsExactly(second, first);
        assertThat(runs.count(query).block()).isEqualTo(2L);
        assertThat(runs.list(new WorkflowRuns.RunQuery(definition.id(), owner, RunStatus.FAILED, 0, 10))
                .collectList().block()).isEmpty();
        assertThat(runs.list(query).blockFirst().steps()).extracting(StepRun::status).containsExactly(StepStatus.COMPLETED);
    }

    @Test
    void requestsForARunAnotherNodeExecutesAreStoredAndTheExecutingNodeAppliesThem() {
        WorkflowSpec spec = WorkflowSpec.of("steered", StepSpec.signal("go", Duration.ofHours(1)).build(),
                StepSpec.task("after", "quick").dependsOn("go").build());
        UUID local = runs.start(definition(spec), Map.of(), null).block().id();
        await().atMost(BOUND).until(() -> step(runs.get(local).block(), "go").status() == StepStatus.WAITING);

        store.request(new RunRequest(UUID.randomUUID(), local, RunRequest.Kind.SIGNAL, "go", Map.of("ok", true),
                Instant.now())).block();

        WorkflowRun done = runs.awaitEnd(local).block(BOUND);
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(step(done, "go").output()).isEqualTo(Map.of("ok", true));

        UUID remote = runs.start(definition(spec), Map.of(), null).block().id();
        await().atMost(BOUND).until(() -> step(runs.get(remote).block(), "go").status() == StepStatus.WAITING);
        ((WorkflowEngine) runs).stopLocal(remote);
        db.sql("UPDATE workflow_run SET lease_owner = 'other-node', lease_expires_at = $2 WHERE id = $1")
                .bind(0, remote).bind(1, Instant.now().plusSeconds(3600)).then().block();

        WorkflowRun answered = runs.pause(remote).block();

        assertThat(answered.status()).as("as stored; the other node applies it").isEqualTo(RunStatus.RUNNING);
        assertThat(db.sql("SELECT kind FROM workflow_run_request WHERE run_id = $1").bind(0, remote)
                .map(row -> row.get("kind", String.class)).all().collectList().block()).containsExactly("PAUSE");
    }

    @Test
    void aSignalIsAnsweredOnlyOnceTheStepItCompletedIsStored() {
        WorkflowSpec spec = WorkflowSpec.of("confirmed", StepSpec.signal("go", Duration.ofHours(1)).build(),
                StepSpec.signal("later", Duration.ofHours(1)).dependsOn("go").build());
        UUID id = runs.start(definition(spec), Map.of(), null).block().id();
        await().atMost(BOUND).until(() -> step(runs.get(id).block(), "go").status() == StepStatus.WAITING);

        runs.signal(id, "go", Map.of("by", "ada")).block(BOUND);

        StepRun stored = step(store.find(id).block().run(), "go");
        assertThat(stored.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(stored.output()).isEqualTo(Map.of("by", "ada"));
        runs.cancel(id).block(BOUND);
    }

    @Test
    void aSignalStoredButNotYetAppliedWhenItsNodeStoppedIsAppliedWhenTheRunResumes() {
        UUID id = orphanedSignalRun();
        store.request(new RunRequest(UUID.randomUUID(), id, RunRequest.Kind.SIGNAL, "go", Map.of("ok", true),
                Instant.now())).block();

        WorkflowRun ended = await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> store.find(id).block().run(), r -> r.status().isFinal());

        assertThat(ended.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(step(ended, "go").output()).isEqualTo(Map.of("ok", true));
        await().atMost(BOUND).until(() -> pendingRequests(id).isEmpty());
    }

    @Test
    void aSignalForARunWhoseNodeStoppedIsKeptUntilTheRunResumesHere() {
        UUID id = orphanedSignalRun();

        runs.signal(id, "go", Map.of("ok", "taken over")).block(BOUND);

        WorkflowRun ended = runs.awaitEnd(id).block(BOUND);
        assertThat(ended.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(step(ended, "go").output()).isEqualTo(Map.of("ok", "taken over"));
        await().atMost(BOUND).until(() -> pendingRequests(id).isEmpty());
    }

    /** A stored run whose node stopped while its SIGNAL step waited; no node holds it now. */
    private UUID orphanedSignalRun() {
        WorkflowSpec spec = WorkflowSpec.of("orphaned", StepSpec.signal("go", Duration.ofHours(1)).build(),
                StepSpec.task("after", "quick").dependsOn("go").build());
        Instant past = Instant.now().minusSeconds(60);
        UUID id = insertPending(spec, past);
        db.sql("UPDATE workflow_step SET status = 'WAITING', started_at = $2, wait_until = $3 WHERE run_id = $1 "
                + "AND step_id = 'go'").bind(0, id).bind(1, past).bind(2, Instant.now().plusSeconds(3600)).then().block();
        db.sql("UPDATE workflow_run SET status = 'RUNNING', started_at = $2, lease_owner = 'dead-node', "
                + "lease_expires_at = $2 WHERE id = $1").bind(0, id).bind(1, past).then().block();
        return id;
    }

    /** Stores a PENDING run of {@code spec} created at {@code createdAt}, as no node has begun it. */
    private UUID insertPending(WorkflowSpec spec, Instant createdAt) {
        UUID id = UUID.randomUUID();
        WorkflowRun run = new WorkflowRun(id, UUID.randomUUID(), 1, spec.name(), owner, RunStatus.PENDING, Map.of(),
                spec.steps().stream().map(s -> StepEdit.pending(s.id(), s.type())).toList(), null, null, null,
                createdAt, null, null, null);
        store.insert(new RunStore.StoredRun(run, spec, null)).block();
        return id;
    }

    private List<String> pendingRequests(UUID runId) {
        return db.sql("SELECT kind FROM workflow_run_request WHERE run_id = $1").bind(0, runId)
                .map(row -> row.get("kind", String.class)).all().collectList().block();
    }

    @Test
    void aRunKeepsACopyOfTheSpecItRuns() {
        WorkflowSpec spec = new WorkflowSpec("every-type", "all step types", List.of(
                dev.taskflux.api.workflow.InputSpec.optional("n", 3)), List.of(
                StepSpec.condition("check", "inputs.n > 1").then("fan").otherwise("later").build(),
                StepSpec.map("fan", "[1, 2]", "quick").dependsOn("check").concurrency(2).deduplicate(true)
                        .failure(MapFailurePolicy.AT_END).retry(RetryPolicy.DEFAULT).timeout(Duration.ofSeconds(5))
                        .compensate("quick", Map.of("undo", "${steps.fan.output.total}")).build(),
                StepSpec.pipeline("tree", "[1]", new dev.taskflux.api.workflow.PipelineStage("one", "quick",
                        Map.of("k", "v"), 4, "item > 0")).merge("quick", Map.of()).dependsOn("fan").build(),
                StepSpec.waitUntil("later", Instant.parse("2030-01-01T00:00:00Z")).dependsOn("check").build(),
                StepSpec.signal("ok", Duration.ofMinutes(1)).dependsOn("tree").build(),
                StepSpec.subWorkflow("sub", "other").inputs(Map.of("x", 1)).dependsOn("ok").build()),
                dev.taskflux.api.workflow.FailurePolicy.CONTINUE, Duration.ofHours(2));
        WorkflowRun run = new WorkflowRun(UUID.randomUUID(), UUID.randomUUID(), 3, spec.name(), owner,
                RunStatus.COMPLETED, Map.of("n", 3), spec.steps().stream().map(s -> StepEdit.pending(s.id(), s.type()))
                        .toList(), null, null, null, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                null, null, null);

        store.insert(new RunStore.StoredRun(run, spec, null)).block();

        RunStore.StoredRun stored = store.find(run.id()).block();
        assertThat(stored.spec()).isEqualTo(spec);
        assertThat(stored.run()).isEqualTo(run);
    }

    private WorkflowDefinition definition(WorkflowSpec spec) {
        return new WorkflowDefinition(UUID.randomUUID(), 1, owner, spec, Instant.now());
    }

    private static StepRun step(WorkflowRun run, String id) {
        return run.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElseThrow();
    }
}
