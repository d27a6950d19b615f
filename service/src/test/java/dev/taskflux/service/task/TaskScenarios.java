package dev.taskflux.service.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.service.support.IntegrationTest;
import dev.taskflux.service.support.TestHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;

/**
 * End-to-end scenarios of the task lifecycle, run once per database by the subclasses: each
 * trigger fires, lifecycle operations act, and the instance history shows every run.
 */
abstract class TaskScenarios extends IntegrationTest {

    @Autowired
    LifecycleEvents events;

    @Test
    void immediateTaskRunsOnceAndCompletes() {
        Map<String, Object> task = create("""
                {"name":"hello","handler":"noop","params":{"x":1},"trigger":{"type":"immediate"}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.kind()).isEqualTo(FireKind.SCHEDULED);
        assertThat(done.result()).isEqualTo(Map.of("ok", true));
        assertThat(done.attempts()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo(InstanceStatus.COMPLETED));
        await().atMost(BOUND).until(() -> "COMPLETED".equals(task(task.get("id")).get("status")));
        assertThat(instances(task.get("id"))).hasSize(1);
    }

    @Test
    void atTaskFiresAtItsInstant() {
        Instant at = clock.instant().plusMillis(1500).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Map<String, Object> task = create("""
                {"name":"at","handler":"noop","trigger":{"type":"at","at":"%s"}}""".formatted(at));
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.fireAt()).isEqualTo(at);
        assertThat(done.startedAt()).isAfterOrEqualTo(done.fireAt());
    }

    @Test
    void intervalTaskFiresEveryInterval() {
        Map<String, Object> task = create("""
                {"name":"every","handler":"noop","trigger":{"type":"interval","every":"PT0.3S"}}""");
        List<TaskInstance> runs = awaitInstances(task.get("id"), l -> count(l, InstanceStatus.COMPLETED) >= 3);
        List<Instant> fires = runs.stream().map(TaskInstance::fireAt).sorted().toList();
        for (int i = 1; i < fires.size(); i++) {
            assertThat(Duration.between(fires.get(i - 1), fires.get(i))).isEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void cronTaskWithSecondsFiresOnWholeSeconds() {
        Map<String, Object> task = create("""
                {"name":"cron","handler":"noop","trigger":{"type":"cron","expression":"* * * * * *","timezone":"Asia/Shanghai"}}""");
        List<TaskInstance> runs = awaitInstances(task.get("id"), l -> count(l, InstanceStatus.COMPLETED) >= 2);
        assertThat(runs).allSatisfy(i -> assertThat(i.fireAt().getNano()).isZero());
    }

    @Test
    void maxRunsCompletesTheDefinition() {
        Map<String, Object> task = create("""
                {"name":"three","handler":"noop","maxRuns":3,"trigger":{"type":"interval","every":"PT0.2S"}}""");
        await().atMost(BOUND).until(() -> "COMPLETED".equals(task(task.get("id")).get("status")));
        List<TaskInstance> runs = awaitInstances(task.get("id"), l -> count(l, InstanceStatus.COMPLETED) == 3);
        assertThat(runs).hasSize(3);
        assertThat(task(task.get("id"))).doesNotContainKey("nextFireAt").containsEntry("runCount", 3);
    }

    @Test
    void pausedTaskStopsFiringAndResumes() {
        Map<String, Object> task = create("""
                {"name":"p","handler":"noop","trigger":{"type":"interval","every":"PT0.2S"}}""");
        awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        web.post().uri("/tasks/{id}/pause", task.get("id")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PAUSED").jsonPath("$.nextFireAt").doesNotExist();
        int settled = awaitSettled(task.get("id"));
        await().during(Duration.ofMillis(700)).atMost(BOUND).until(() -> instances(task.get("id")).size() == settled);

        web.post().uri("/tasks/{id}/trigger", task.get("id")).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.kind").isEqualTo("MANUAL");
        awaitInstances(task.get("id"), l -> l.stream().anyMatch(i -> i.kind() == FireKind.MANUAL
                && i.status() == InstanceStatus.COMPLETED));

        web.post().uri("/tasks/{id}/resume", task.get("id")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.nextFireAt").exists();
        awaitInstances(task.get("id"), l -> l.size() >= settled + 3);
    }

    @Test
    void cancellingATaskStopsItsRunningHandler() {
        Map<String, Object> task = create("""
                {"name":"c","handler":"forever","trigger":{"type":"immediate"}}""");
        TaskInstance running = awaitInstance(task.get("id"), InstanceStatus.RUNNING);
        await().atMost(BOUND).until(() -> TestHandlers.STARTED.contains(running.id()));

        web.post().uri("/tasks/{id}/cancel", task.get("id")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        await().atMost(BOUND).until(() -> TestHandlers.CANCELLED.contains(running.id()));
        TaskInstance cancelled = awaitInstance(task.get("id"), InstanceStatus.CANCELLED);
        assertThat(cancelled.attempts()).last().satisfies(a -> assertThat(a.outcome()).isEqualTo(InstanceStatus.CANCELLED));
        web.post().uri("/tasks/{id}/resume", task.get("id")).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void cancellingAnInstanceStopsItsHandler() {
        Map<String, Object> task = create("""
                {"name":"ci","handler":"forever","trigger":{"type":"immediate"}}""");
        TaskInstance running = awaitInstance(task.get("id"), InstanceStatus.RUNNING);
        await().atMost(BOUND).until(() -> TestHandlers.STARTED.contains(running.id()));

        web.post().uri("/instances/{id}/cancel", running.id()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        await().atMost(BOUND).until(() -> TestHandlers.CANCELLED.contains(running.id()));
        web.post().uri("/instances/{id}/cancel", running.id()).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void deletingATaskRemovesItAndItsHistory() {
        Map<String, Object> task = create("""
                {"name":"d","handler":"noop","trigger":{"type":"immediate"}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        web.delete().uri("/tasks/{id}", task.get("id")).exchange().expectStatus().isNoContent();
        web.get().uri("/tasks/{id}", task.get("id")).exchange().expectStatus().isNotFound();
        web.get().uri("/instances/{id}", done.id()).exchange().expectStatus().isNotFound();
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffUntilSuccess() {
        Map<String, Object> task = create("""
                {"name":"r","handler":"flaky","params":{"failures":2},"trigger":{"type":"immediate"},
                 "retry":{"maxRetries":3,"initialDelay":"PT0.2S","multiplier":2,"maxDelay":"PT5S","jitter":0}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.attempt()).isEqualTo(3);
        assertThat(done.attempts()).extracting(a -> a.outcome())
                .containsExactly(InstanceStatus.FAILED, InstanceStatus.FAILED, InstanceStatus.COMPLETED);
        assertThat(Duration.between(done.attempts().get(0).finishedAt(), done.attempts().get(1).startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(done.attempts().get(1).finishedAt(), done.attempts().get(2).startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(done.attempts().get(0).error()).contains("failure 1 of 2");
    }

    @Test
    void retriesEndInFailureWhenExhaustedOrNotRetryable() {
        Map<String, Object> exhausted = create("""
                {"name":"x","handler":"flaky","params":{"failures":9},"trigger":{"type":"immediate"},
                 "retry":{"maxRetries":1,"initialDelay":"PT0.1S","jitter":0}}""");
        Map<String, Object> broken = create("""
                {"name":"b","handler":"broken","trigger":{"type":"immediate"},"retry":{"maxRetries":5}}""");
        TaskInstance failed = awaitInstance(exhausted.get("id"), InstanceStatus.FAILED);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.error()).contains("failure 2 of 9");
        TaskInstance notRetried = awaitInstance(broken.get("id"), InstanceStatus.FAILED);
        assertThat(notRetried.attempt()).isEqualTo(1);
        assertThat(notRetried.error()).contains("input is unusable");
    }

    @Test
    void timedOutAttemptIsStoppedAndEndsTimedOut() {
        Map<String, Object> task = create("""
                {"name":"t","handler":"forever","timeout":"PT0.3S","trigger":{"type":"immediate"}}""");
        TaskInstance timedOut = awaitInstance(task.get("id"), InstanceStatus.TIMED_OUT);
        assertThat(TestHandlers.CANCELLED).contains(timedOut.id());
        assertThat(timedOut.error()).contains("timed out after PT0.3S");
    }

    @Test
    void forbidSkipsFiresWhileARunIsActive() {
        Map<String, Object> task = create("""
                {"name":"f","handler":"forever","concurrency":{"policy":"FORBID"},
                 "trigger":{"type":"interval","every":"PT0.2S"}}""");
        // the running instance's RUNNING state is written by the journal, which may lag its skipped siblings
        List<TaskInstance> runs = awaitInstances(task.get("id"),
                l -> count(l, InstanceStatus.SKIPPED) >= 2 && count(l, InstanceStatus.RUNNING) == 1);
        assertThat(runs).filteredOn(i -> !i.attempts().isEmpty()).hasSize(1);
        assertThat(runs.stream().filter(i -> i.status() == InstanceStatus.SKIPPED).findFirst().orElseThrow().error())
                .contains("FORBID");
    }

    @Test
    void replaceCancelsTheRunningInstance() {
        Map<String, Object> task = create("""
                {"name":"rep","handler":"forever","concurrency":{"policy":"REPLACE"},
                 "trigger":{"type":"interval","every":"PT0.4S"}}""");
        List<TaskInstance> runs = awaitInstances(task.get("id"), l -> count(l, InstanceStatus.CANCELLED) >= 2);
        TaskInstance replaced = runs.stream().filter(i -> i.status() == InstanceStatus.CANCELLED)
                .min(Comparator.comparing(TaskInstance::fireAt)).orElseThrow();
        await().atMost(BOUND).until(() -> TestHandlers.CANCELLED.contains(replaced.id()));
        assertThat(replaced.error()).contains("REPLACE");
        assertThat(runs).filteredOn(i -> i.status() == InstanceStatus.CANCELLED && !i.attempts().isEmpty())
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.attempts()).last()
                        .satisfies(a -> assertThat(a.outcome()).isEqualTo(InstanceStatus.CANCELLED)));
        assertThat(count(instances(task.get("id")), InstanceStatus.RUNNING)).isLessThanOrEqualTo(1);
    }

    @Test
    void maxInstancesQueuesFiresBeyondTheLimit() {
        Map<String, Object> task = create("""
                {"name":"lim","handler":"forever","concurrency":{"policy":"ALLOW","maxInstances":2},
                 "trigger":{"type":"interval","every":"PT0.15S"}}""");
        awaitInstances(task.get("id"), l -> count(l, InstanceStatus.RUNNING) == 2 && count(l, InstanceStatus.PENDING) >= 3);
        await().during(Duration.ofMillis(600)).atMost(BOUND)
                .until(() -> count(instances(task.get("id")), InstanceStatus.RUNNING) == 2);
    }

    @Test
    void missedFiresAfterDowntimeFollowTheMisfirePolicy() {
        Map<String, Object> once = create("""
                {"name":"once","handler":"noop","misfire":"FIRE_ONCE","trigger":{"type":"interval","every":"PT1M"}}""");
        Map<String, Object> skip = create("""
                {"name":"skip","handler":"noop","misfire":"SKIP","trigger":{"type":"interval","every":"PT1M"}}""");
        Map<String, Object> all = create("""
                {"name":"all","handler":"noop","misfire":"FIRE_ALL","trigger":{"type":"interval","every":"PT1M"}}""");
        for (Map<String, Object> task : List.of(once, skip, all)) {
            awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        }
        clock.advance(Duration.ofMinutes(10).plusSeconds(30));

        awaitInstances(all.get("id"), l -> count(l, InstanceStatus.COMPLETED) == 11);
        awaitInstances(once.get("id"), l -> count(l, InstanceStatus.COMPLETED) == 2);
        await().atMost(BOUND).until(() -> Instant.parse((String) task(skip.get("id")).get("nextFireAt"))
                .isAfter(clock.instant()));
        assertThat(instances(skip.get("id"))).hasSize(1);
        Instant created = Instant.parse((String) once.get("createdAt"));
        assertThat(instances(once.get("id")).get(0).fireAt()).isAfter(created.plus(Duration.ofMinutes(9)));
    }

    @Test
    void statisticsAndUpcomingFiresCoverTheOwnersTasks() {
        Map<String, Object> done = create("""
                {"name":"s1","handler":"noop","trigger":{"type":"immediate"}}""");
        create("""
                {"name":"s2","handler":"broken","trigger":{"type":"immediate"}}""");
        Map<String, Object> hourly = create("""
                {"name":"s3","handler":"noop","trigger":{"type":"cron","expression":"@hourly"}}""");
        awaitInstance(done.get("id"), InstanceStatus.COMPLETED);
        await().atMost(BOUND).untilAsserted(() -> web.get().uri("/stats?owner={o}", owner).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.runs").isEqualTo(2)
                .jsonPath("$.instances.COMPLETED").isEqualTo(1)
                .jsonPath("$.instances.FAILED").isEqualTo(1)
                .jsonPath("$.successRate").isEqualTo(0.5)
                .jsonPath("$.tasks.ACTIVE").isEqualTo(1)
                .jsonPath("$.nextFireAt").isEqualTo(hourly.get("nextFireAt")));

        Instant first = Instant.parse((String) hourly.get("nextFireAt"));
        web.get().uri("/schedule/upcoming?count=3&owner={o}", owner).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].fireAt").isEqualTo(first.toString())
                .jsonPath("$[2].fireAt").isEqualTo(first.plus(Duration.ofHours(2)).toString())
                .jsonPath("$[1].name").isEqualTo("s3");
    }

    @Test
    void retentionRemovesOldFinishedInstances() {
        Map<String, Object> task = create("""
                {"name":"old","handler":"noop","trigger":{"type":"immediate"}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        web.post().uri("/retention/run").exchange().expectStatus().isOk();
        web.get().uri("/instances/{id}", done.id()).exchange().expectStatus().isOk();

        clock.advance(Duration.ofDays(8));
        web.post().uri("/retention/run").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.removed").value(n -> assertThat(((Number) n).longValue()).isPositive());
        web.get().uri("/instances/{id}", done.id()).exchange().expectStatus().isNotFound();
    }

    @Test
    void everyStateChangeIsPublishedInOrder() {
        List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = events.stream().filter(e -> owner.equals(e.owner())).subscribe(seen::add);
        try {
            Map<String, Object> task = create("""
                    {"name":"ev","handler":"flaky","params":{"failures":1},"trigger":{"type":"immediate"},
                     "retry":{"maxRetries":1,"initialDelay":"PT0.1S","jitter":0}}""");
            awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
            await().atMost(BOUND).until(() -> seen.stream().anyMatch(e -> e.type() == EventType.INSTANCE_COMPLETED));
            assertThat(seen).extracting(LifecycleEvent::type).containsExactly(EventType.TASK_CREATED,
                    EventType.INSTANCE_PENDING, EventType.TASK_COMPLETED, EventType.INSTANCE_STARTED,
                    EventType.INSTANCE_RETRYING, EventType.INSTANCE_STARTED, EventType.INSTANCE_COMPLETED);
            assertThat(seen).allSatisfy(e -> assertThat(e.taskId()).hasToString((String) task.get("id")));
        } finally {
            subscription.dispose();
        }
    }

    private int awaitSettled(Object taskId) {
        return await().atMost(BOUND).until(() -> instances(taskId),
                l -> l.stream().allMatch(i -> i.status().isFinal())).size();
    }
}
