package dev.taskflux.service.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Standalone task dependencies on each database (run by the subclasses): an instance waits as
 * PENDING until its dependencies' runs complete, fails when one ends badly or will never run, and
 * a recurring dependent needs a new run of its dependency for each of its own runs.
 */
abstract class TaskDependencyScenarios extends IntegrationTest {

    private Map<String, Object> dependent(String trigger, Object... dependencies) {
        StringBuilder ids = new StringBuilder();
        for (Object d : dependencies) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(d).append('"');
        }
        return create("""
                {"name":"dependent","handler":"noop","trigger":%s,"dependsOn":[%s]}""".formatted(trigger, ids));
    }

    private Map<String, Object> at(Instant when, String handler) {
        return create("""
                {"name":"dependency","handler":"%s","trigger":{"type":"at","at":"%s"}}""".formatted(handler, when));
    }

    @Test
    void instanceWaitsPendingUntilEveryDependencyCompletes() {
        Map<String, Object> early = at(clock.instant().plusMillis(300), "noop");
        Map<String, Object> late = create("""
                {"name":"late","handler":"noop","trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}""");
        Map<String, Object> task = dependent("{\"type\":\"immediate\"}", early.get("id"), late.get("id"));
        TaskInstance waiting = awaitInstance(task.get("id"), InstanceStatus.PENDING);
        TaskInstance earlyRun = awaitInstance(early.get("id"), InstanceStatus.COMPLETED);
        web.post().uri("/tasks/{id}/trigger", early.get("id")).exchange().expectStatus().isAccepted();
        awaitInstances(early.get("id"), l -> count(l, InstanceStatus.COMPLETED) == 2);
        assertThat(instances(task.get("id"))).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(InstanceStatus.PENDING));
        web.post().uri("/tasks/{id}/trigger", late.get("id")).exchange().expectStatus().isAccepted();
        TaskInstance lateRun = awaitInstance(late.get("id"), InstanceStatus.COMPLETED);
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.id()).isEqualTo(waiting.id());
        assertThat(done.startedAt()).isAfterOrEqualTo(lateRun.finishedAt()).isAfterOrEqualTo(earlyRun.finishedAt());
    }

    @Test
    void dependencyFailingForGoodFailsTheDependentNamingIt() {
        Map<String, Object> broken = at(clock.instant().plusMillis(300), "broken");
        Map<String, Object> task = dependent("{\"type\":\"immediate\"}", broken.get("id"));
        TaskInstance failed = awaitInstance(task.get("id"), InstanceStatus.FAILED);
        TaskInstance cause = awaitInstance(broken.get("id"), InstanceStatus.FAILED);
        assertThat(failed.error()).contains("dependency task " + broken.get("id"))
                .contains("instance " + cause.id()).contains("ended FAILED").contains("input is unusable");
        assertThat(failed.attempts()).isEmpty();
    }

    @Test
    void dependencyThatWillNeverRunFailsTheDependent() {
        Map<String, Object> quiet = create("""
                {"name":"quiet","handler":"noop","trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}""");
        Map<String, Object> task = dependent("{\"type\":\"immediate\"}", quiet.get("id"));
        awaitInstance(task.get("id"), InstanceStatus.PENDING);
        web.post().uri("/tasks/{id}/cancel", quiet.get("id")).exchange().expectStatus().isOk();
        TaskInstance failed = awaitInstance(task.get("id"), InstanceStatus.FAILED);
        assertThat(failed.error()).isEqualTo("dependency task " + quiet.get("id") + " is CANCELLED and will not run again");
    }

    @Test
    void recurringDependentNeedsARunOfItsDependencySinceItsPreviousRun() {
        Instant dependencyAt = clock.instant().plusMillis(1500);
        Map<String, Object> once = at(dependencyAt, "noop");
        Map<String, Object> task = dependent("{\"type\":\"interval\",\"every\":\"PT1S\",\"initialDelay\":\"PT1S\"}",
                once.get("id"));
        Instant first = Instant.parse((String) task.get("nextFireAt"));
        assertThat(dependencyAt).as("the dependency fires between the first two runs")
                .isAfter(first).isBefore(first.plusSeconds(1));
        List<TaskInstance> runs = awaitInstances(task.get("id"), list -> list.stream()
                .filter(i -> !i.fireAt().isAfter(first.plusSeconds(2)) && i.status().isFinal()).count() == 3);
        List<InstanceStatus> byFire = runs.stream().sorted(Comparator.comparing(TaskInstance::fireAt))
                .filter(i -> !i.fireAt().isAfter(first.plusSeconds(2))).map(TaskInstance::status).toList();
        // the first waits for the dependency, the second uses its run (fired after the first),
        // the third has no run of it since the second and none will come
        assertThat(byFire).containsExactly(InstanceStatus.COMPLETED, InstanceStatus.COMPLETED, InstanceStatus.FAILED);
    }

    @Test
    void manualTriggerWaitsForDependenciesToo() {
        Map<String, Object> dependency = at(clock.instant().plusMillis(1000), "noop");
        Map<String, Object> task = create("""
                {"name":"manual","handler":"noop","trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"},
                 "dependsOn":["%s"]}""".formatted(dependency.get("id")));
        TaskInstance triggered = web.post().uri("/tasks/{id}/trigger", task.get("id")).exchange()
                .expectStatus().isAccepted().expectBody(TaskInstance.class).returnResult().getResponseBody();
        assertThat(triggered.status()).isEqualTo(InstanceStatus.PENDING);
        assertThat(triggered.dueAt()).isEqualTo(DependencyGate.HELD);
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.startedAt()).isAfterOrEqualTo(awaitInstance(dependency.get("id"), InstanceStatus.COMPLETED)
                .finishedAt());
    }
}
