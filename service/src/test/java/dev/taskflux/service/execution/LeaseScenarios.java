package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.support.IntegrationTest;
import dev.taskflux.service.support.TestHandlers;
import dev.taskflux.service.task.TaskService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Leases across nodes, with another node simulated by rows it would have written: an expired
 * lease is recovered under the retry policy, a node that no longer holds a lease cannot complete
 * the instance, and a node hands back only what it holds and has not started.
 */
abstract class LeaseScenarios extends IntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    Transitions transitions;
    @Autowired
    TaskService tasks;
    @Autowired
    LifecycleEvents events;
    @Autowired
    LeaseKeeper leases;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anInstanceOfADeadNodeIsRetriedHere() {
        Map<String, Object> task = dormantTask(1);
        UUID id = insertRunning(task, "dead-node", Instant.now().minusSeconds(60));

        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.id()).isEqualTo(id);
        assertThat(done.leaseOwner()).isEqualTo("test-node");
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.attempts()).extracting(Attempt::outcome)
                .containsExactly(InstanceStatus.FAILED, InstanceStatus.COMPLETED);
        assertThat(done.attempts().get(0).error()).contains("lease expired");
    }

    @Test
    void aRunLongerThanItsLeaseKeepsItThroughHeartbeats() {
        Map<String, Object> task = create("""
                {"name":"long","handler":"forever","trigger":{"type":"immediate"},"retry":{"maxRetries":3}}""");
        TaskInstance running = awaitInstance(task.get("id"), InstanceStatus.RUNNING);
        Instant firstExpiry = leaseExpiry(running.id());

        await().atMost(BOUND).until(() -> leaseExpiry(running.id()).isAfter(firstExpiry));
        await().atMost(BOUND).until(() -> Instant.now().isAfter(firstExpiry.plusMillis(500)));

        TaskInstance still = web.get().uri("/instances/{id}", running.id()).exchange()
                .expectBody(TaskInstance.class).returnResult().getResponseBody();
        assertThat(still.status()).isEqualTo(InstanceStatus.RUNNING);
        assertThat(still.attempt()).isEqualTo(1);
        assertThat(still.leaseOwner()).isEqualTo("test-node");
        assertThat(TestHandlers.CANCELLED).doesNotContain(running.id());
    }

    @Test
    void anInstanceOfADeadNodeWithNoRetryLeftFails() {
        Map<String, Object> task = dormantTask(0);
        insertRunning(task, "dead-node", Instant.now().minusSeconds(60));

        TaskInstance failed = awaitInstance(task.get("id"), InstanceStatus.FAILED);
        assertThat(failed.error()).contains("lease expired");
        assertThat(failed.attempt()).isEqualTo(1);
    }

    @Test
    void aRetryWaitingOnADeadNodeKeepsItsErrorAndRuns() {
        Map<String, Object> task = dormantTask(2);
        java.util.List<LifecycleEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.Disposable watch = events.stream().filter(e -> owner.equals(e.owner())).subscribe(seen::add);
        try {
            UUID id = UUID.randomUUID();
            Instant failedAt = Instant.now().minusSeconds(30);
            String attempts = json.writeValueAsString(List.of(
                    new Attempt(1, failedAt.minusSeconds(1), failedAt, InstanceStatus.FAILED, "boom")));
            db.sql("INSERT INTO task_instance (id, definition_id, owner, handler, kind, fire_at, status, attempt, "
                            + "priority, due_at, started_at, error, attempts, lease_owner, lease_expires_at, created_at) "
                            + "VALUES ($1, $2, $3, 'noop', 'MANUAL', $4, 'RETRYING', 1, 0, $4, $4, 'boom', $5, 'dead-node', $4, $4)")
                    .bind(0, id).bind(1, UUID.fromString((String) task.get("id"))).bind(2, owner).bind(3, failedAt)
                    .bind(4, attempts).then().block();

            TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
            assertThat(done.attempts()).extracting(Attempt::outcome)
                    .containsExactly(InstanceStatus.FAILED, InstanceStatus.COMPLETED);
            assertThat(seen).filteredOn(e -> e.type() == EventType.INSTANCE_RETRYING && id.equals(e.instanceId()))
                    .singleElement().satisfies(e -> assertThat(e.payload()).containsEntry("error", "boom"));
        } finally {
            watch.dispose();
        }
    }

    @Test
    void aNodeWithoutTheLeaseCannotCompleteTheInstance() {
        Map<String, Object> task = dormantTask(0);
        Instant future = Instant.now().plusSeconds(3600);
        UUID foreign = insertRunning(task, "other-node", future);
        UUID own = insertRunning(task, "test-node", future);
        TaskSpec spec = tasks.find(UUID.fromString((String) task.get("id"))).block().spec();

        transitions.record(finished(foreign, task, spec));
        transitions.record(finished(own, task, spec));

        await().atMost(BOUND).until(() -> status(own) == InstanceStatus.COMPLETED);
        assertThat(status(foreign)).isEqualTo(InstanceStatus.RUNNING);
    }

    @Test
    void aStartAndOutcomeWrittenAsOneChangeKeepTheAttemptAndTheFence() {
        Map<String, Object> task = dormantTask(0);
        Instant future = Instant.now().plusSeconds(3600);
        UUID foreign = insertLeasedPending(task, "other-node", future);
        UUID own = insertLeasedPending(task, "test-node", future);
        TaskSpec spec = tasks.find(UUID.fromString((String) task.get("id"))).block().spec();
        Instant started = Instant.now().minusMillis(5).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Instant ended = started.plusMillis(5);

        for (UUID id : List.of(foreign, own)) {
            ClaimedInstance instance = new ClaimedInstance(id, UUID.fromString((String) task.get("id")),
                    FireKind.MANUAL, started, started, 0, spec, List.of());
            List<Attempt> running = List.of(new Attempt(1, started, null, InstanceStatus.RUNNING, null));
            transitions.record(Transition.started(instance, running, started));
            transitions.record(Transition.finished(instance, Attempt.endLast(running, ended, InstanceStatus.COMPLETED,
                    null), InstanceStatus.COMPLETED, "{\"ok\":true}", null, ended));
        }

        await().atMost(BOUND).until(() -> status(own) == InstanceStatus.COMPLETED);
        TaskInstance done = web.get().uri("/instances/{id}", own).exchange().expectBody(TaskInstance.class)
                .returnResult().getResponseBody();
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.startedAt()).isEqualTo(started);
        assertThat(done.finishedAt()).isEqualTo(ended);
        assertThat(done.attempts()).singleElement().satisfies(a -> {
            assertThat(a.startedAt()).isEqualTo(started);
            assertThat(a.finishedAt()).isEqualTo(ended);
            assertThat(a.outcome()).isEqualTo(InstanceStatus.COMPLETED);
        });
        assertThat(status(foreign)).isEqualTo(InstanceStatus.PENDING);
    }

    @Test
    void handingBackReleasesOnlyUnstartedInstancesThisNodeHolds() {
        Map<String, Object> task = dormantTask(0);
        Instant future = Instant.now().plusSeconds(3600);
        UUID foreign = insertLeasedPending(task, "other-node", future);
        UUID own = insertLeasedPending(task, "test-node", future);
        UUID running = insertRunning(task, "test-node", future);
        UUID definition = UUID.fromString((String) task.get("id"));
        TaskSpec spec = tasks.find(definition).block().spec();
        List<ClaimedInstance> held = java.util.stream.Stream.of(foreign, own, running)
                .map(id -> new ClaimedInstance(id, definition, FireKind.MANUAL, Instant.now(), Instant.now(),
                        id.equals(running) ? 1 : 0, spec, List.of()))
                .toList();

        assertThat(leases.handBack(held).block()).isEqualTo(1L);

        // Unclaimed again, the instance is claimed like any other: here, by this node, which runs noop.
        await().atMost(BOUND).until(() -> status(own) == InstanceStatus.COMPLETED);
        assertThat(status(foreign)).isEqualTo(InstanceStatus.PENDING);
        assertThat(status(running)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(db.sql("SELECT lease_owner FROM task_instance WHERE id = $1").bind(0, foreign)
                .map(row -> row.get(0, String.class)).one().block()).isEqualTo("other-node");
    }

    @Test
    void replaceNeverStartsAFireItReplacedInTheSameRound() {
        Map<String, Object> task = create("""
                {"name":"replace","handler":"forever","trigger":{"type":"at","at":"%s"},
                 "concurrency":{"policy":"REPLACE"}}""".formatted(Instant.now().plusSeconds(86_400)));
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        insertPending(task, older, Instant.now().minusSeconds(2), newer, Instant.now().minusSeconds(1));

        await().atMost(BOUND).until(() -> TestHandlers.STARTED.contains(newer));
        assertThat(status(older)).isEqualTo(InstanceStatus.CANCELLED);
        await().during(java.time.Duration.ofMillis(500)).atMost(BOUND)
                .until(() -> !TestHandlers.STARTED.contains(older));
        assertThat(status(newer)).isEqualTo(InstanceStatus.RUNNING);
    }

    /** Two due instances in one statement, so the dispatcher sees both in the same round. */
    private void insertPending(Map<String, Object> task, UUID first, Instant firstDue, UUID second, Instant secondDue) {
        db.sql("INSERT INTO task_instance (id, definition_id, owner, handler, kind, fire_at, status, attempt, priority, "
                        + "due_at, created_at) VALUES ($1, $2, $3, 'forever', 'MANUAL', $4, 'PENDING', 0, 0, $4, $4), "
                        + "($5, $2, $3, 'forever', 'MANUAL', $6, 'PENDING', 0, 0, $6, $6)")
                .bind(0, first).bind(1, UUID.fromString((String) task.get("id"))).bind(2, owner).bind(3, firstDue)
                .bind(4, second).bind(5, secondDue)
                .then().block();
    }

    private Transition finished(UUID id, Map<String, Object> task, TaskSpec spec) {
        ClaimedInstance instance = new ClaimedInstance(id, UUID.fromString((String) task.get("id")), FireKind.MANUAL,
                Instant.now(), Instant.now(), 1, spec, List.of());
        List<Attempt> attempts = List.of(new Attempt(1, Instant.now(), Instant.now(), InstanceStatus.COMPLETED, null));
        return Transition.finished(instance, attempts, InstanceStatus.COMPLETED, "{}", null, Instant.now());
    }

    private Instant leaseExpiry(UUID id) {
        return db.sql("SELECT lease_expires_at FROM task_instance WHERE id = $1").bind(0, id)
                .map(row -> row.get(0, Instant.class)).one().block();
    }

    private InstanceStatus status(UUID id) {
        return web.get().uri("/instances/{id}", id).exchange().expectBody(TaskInstance.class).returnResult()
                .getResponseBody().status();
    }

    /** A task that will not fire by itself during the test. */
    private Map<String, Object> dormantTask(int maxRetries) {
        return create("""
                {"name":"lease","handler":"noop","trigger":{"type":"at","at":"%s"},
                 "retry":{"maxRetries":%d,"initialDelay":"PT0.1S","jitter":0}}"""
                .formatted(Instant.now().plusSeconds(86_400), maxRetries));
    }

    private UUID insertLeasedPending(Map<String, Object> task, String node, Instant leaseExpiry) {
        UUID id = UUID.randomUUID();
        Instant due = Instant.now().minusSeconds(1);
        db.sql("INSERT INTO task_instance (id, definition_id, owner, handler, kind, fire_at, status, attempt, priority, "
                        + "due_at, lease_owner, lease_expires_at, created_at) "
                        + "VALUES ($1, $2, $3, 'noop', 'MANUAL', $4, 'PENDING', 0, 0, $4, $5, $6, $4)")
                .bind(0, id).bind(1, UUID.fromString((String) task.get("id"))).bind(2, owner).bind(3, due)
                .bind(4, node).bind(5, leaseExpiry)
                .then().block();
        return id;
    }

    private UUID insertRunning(Map<String, Object> task, String node, Instant leaseExpiry) {
        UUID id = UUID.randomUUID();
        Instant started = Instant.now().minusSeconds(120);
        String attempts = json.writeValueAsString(List.of(new Attempt(1, started, null, InstanceStatus.RUNNING, null)));
        db.sql("INSERT INTO task_instance (id, definition_id, owner, handler, kind, fire_at, status, attempt, priority, "
                        + "due_at, started_at, attempts, lease_owner, lease_expires_at, created_at) "
                        + "VALUES ($1, $2, $3, 'noop', 'MANUAL', $4, 'RUNNING', 1, 0, $4, $4, $5, $6, $7, $4)")
                .bind(0, id).bind(1, UUID.fromString((String) task.get("id"))).bind(2, owner).bind(3, started)
                .bind(4, attempts).bind(5, node).bind(6, leaseExpiry)
                .then().block();
        return id;
    }
}
