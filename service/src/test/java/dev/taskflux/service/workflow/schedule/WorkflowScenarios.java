package dev.taskflux.service.workflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * Workflows on each database (run by the subclasses): tasks that start workflow runs on their
 * triggers, workflow statistics and the retention of finished runs.
 */
abstract class WorkflowScenarios extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<PageOf<WorkflowRun>> RUNS = new ParameterizedTypeReference<>() {
    };

    /** Creates a workflow of this test's owner whose only step runs {@code handler}; returns its id. */
    private String workflow(String name, String handler) {
        return workflow("""
                {"name":"%s","inputs":[{"name":"who","required":true}],
                 "steps":[{"id":"only","type":"TASK","handler":"%s","params":{"who":"${inputs.who}"}}]}"""
                .formatted(name, handler));
    }

    /** Creates a workflow that waits for a signal for up to an hour; returns its id. */
    private String waitingWorkflow(String name) {
        return workflow("""
                {"name":"%s","steps":[{"id":"approval","type":"SIGNAL","timeout":"PT1H"}]}""".formatted(name));
    }

    private String workflow(String json) {
        return (String) web.post().uri("/workflows").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.replaceFirst("^\\{", "{\"owner\":\"" + owner + "\","))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody().get("id");
    }

    private List<WorkflowRun> runs(String query) {
        return web.get().uri("/workflow-runs?owner={o}&size=500" + query, owner).exchange().expectStatus().isOk()
                .expectBody(RUNS).returnResult().getResponseBody().items();
    }

    private List<WorkflowRun> awaitRuns(Predicate<List<WorkflowRun>> condition) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> runs(""), condition);
    }

    private WorkflowRun startRun(String workflowId, String inputs) {
        return web.post().uri("/workflows/{id}/runs", workflowId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"inputs\":" + inputs + "}").exchange().expectStatus().isCreated()
                .expectBody(WorkflowRun.class).returnResult().getResponseBody();
    }

    private WorkflowRun awaitRun(UUID id, RunStatus status) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> web.get()
                .uri("/workflow-runs/{id}", id).exchange().expectBody(WorkflowRun.class).returnResult()
                .getResponseBody(), run -> run.status() == status);
    }

    @Test
    void aTaskTargetingAWorkflowStartsARunAndEndsWithIt() {
        workflow("greet", "noop");
        Map<String, Object> task = create("""
                {"name":"scheduled greet","workflow":{"id":"greet","inputs":{"who":"ann"}},"trigger":{"type":"immediate"}}""");
        assertThat(task).doesNotContainKey("handler").doesNotContainKey("params")
                .containsEntry("workflow", Map.of("id", "greet", "inputs", Map.of("who", "ann")));
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) done.result();
        assertThat(result).containsEntry("status", "COMPLETED").containsEntry("workflowVersion", 1);
        WorkflowRun run = awaitRun(UUID.fromString((String) result.get("runId")), RunStatus.COMPLETED);
        assertThat(run.taskInstanceId()).isEqualTo(done.id());
        assertThat(run.inputs()).isEqualTo(Map.of("who", "ann"));
        assertThat(run.finishedAt()).isBeforeOrEqualTo(done.finishedAt());
    }

    @Test
    void anIntervalTaskStartsOneRunPerFire() {
        String id = workflow("tick", "noop");
        Map<String, Object> task = create("""
                {"name":"ticks","workflow":{"id":"%s","inputs":{"who":"cron"}},"maxRuns":3,
                 "trigger":{"type":"interval","every":"PT0.3S"}}""".formatted(id));
        List<TaskInstance> instances = awaitInstances(task.get("id"), l -> count(l, InstanceStatus.COMPLETED) == 3);
        List<WorkflowRun> runs = awaitRuns(l -> l.size() == 3 && l.stream().allMatch(r -> r.status().isFinal()));
        assertThat(runs).extracting(WorkflowRun::taskInstanceId)
                .containsExactlyInAnyOrderElementsOf(instances.stream().map(TaskInstance::id).toList());
    }

    @Test
    void aFailedRunFailsTheInstance() {
        workflow("doomed", "broken");
        Map<String, Object> task = create("""
                {"name":"doomed","workflow":{"id":"doomed","inputs":{"who":"x"}},"trigger":{"type":"immediate"}}""");
        TaskInstance failed = awaitInstance(task.get("id"), InstanceStatus.FAILED);
        assertThat(failed.error()).contains("of 'doomed' ended FAILED").contains("input is unusable");
    }

    @Test
    void cancellingTheInstanceCancelsItsRun() {
        waitingWorkflow("approval");
        Map<String, Object> task = create("""
                {"name":"approval","workflow":{"id":"approval"},"trigger":{"type":"immediate"}}""");
        TaskInstance running = awaitInstance(task.get("id"), InstanceStatus.RUNNING);
        WorkflowRun run = awaitRuns(l -> l.size() == 1).get(0);
        assertThat(run.taskInstanceId()).isEqualTo(running.id());
        web.post().uri("/instances/{id}/cancel", running.id()).exchange().expectStatus().isOk();
        awaitRun(run.id(), RunStatus.CANCELLED);
    }

    @Test
    void statisticsCountRunsByStateWithSuccessRateAndDuration() {
        String fine = workflow("fine", "noop");
        String bad = workflow("bad", "broken");
        String waiting = waitingWorkflow("waiting");
        UUID ok1 = startRun(fine, "{\"who\":\"a\"}").id();
        UUID ok2 = startRun(fine, "{\"who\":\"b\"}").id();
        UUID failed = startRun(bad, "{\"who\":\"c\"}").id();
        UUID cancelled = startRun(waiting, "{}").id();
        awaitRun(ok1, RunStatus.COMPLETED);
        awaitRun(ok2, RunStatus.COMPLETED);
        awaitRun(failed, RunStatus.FAILED);
        web.post().uri("/workflow-runs/{id}/cancel", cancelled).exchange().expectStatus().isOk();
        awaitRun(cancelled, RunStatus.CANCELLED);
        web.get().uri("/workflows/stats?owner={o}", owner).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.definitions").isEqualTo(3)
                .jsonPath("$.total").isEqualTo(4)
                .jsonPath("$.runs.COMPLETED").isEqualTo(2)
                .jsonPath("$.runs.FAILED").isEqualTo(1)
                .jsonPath("$.runs.CANCELLED").isEqualTo(1)
                .jsonPath("$.runs.RUNNING").isEqualTo(0)
                .jsonPath("$.successRate").value(rate -> assertThat(((Number) rate).doubleValue()).isEqualTo(2.0 / 3))
                .jsonPath("$.averageDuration").value(d -> assertThat(Duration.parse((String) d).isNegative()).isFalse())
                .jsonPath("$.workflows[0].workflowId").isEqualTo(fine)
                .jsonPath("$.workflows[0].name").isEqualTo("fine")
                .jsonPath("$.workflows[0].total").isEqualTo(2)
                .jsonPath("$.workflows[0].successRate").isEqualTo(1.0)
                .jsonPath("$.workflows.length()").isEqualTo(3);
        web.get().uri("/workflows/stats?owner=nobody-{o}", owner).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(0).jsonPath("$.definitions").isEqualTo(0)
                .jsonPath("$.successRate").doesNotExist().jsonPath("$.averageDuration").doesNotExist();
    }

    @Test
    void retentionRemovesOldFinishedRunsAndKeepsUnfinishedOnes() {
        UUID done = startRun(workflow("old", "noop"), "{\"who\":\"a\"}").id();
        UUID open = startRun(waitingWorkflow("open"), "{}").id();
        awaitRun(done, RunStatus.COMPLETED);
        web.post().uri("/workflow-runs/retention/run").exchange().expectStatus().isOk();
        web.get().uri("/workflow-runs/{id}", done).exchange().expectStatus().isOk();

        clock.advance(Duration.ofDays(8));
        web.post().uri("/workflow-runs/retention/run").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.removed").value(n -> assertThat(((Number) n).longValue()).isPositive());
        web.get().uri("/workflow-runs/{id}", done).exchange().expectStatus().isNotFound();
        web.get().uri("/workflow-runs/{id}", open).exchange().expectStatus().isOk();
        web.post().uri("/workflow-runs/{id}/cancel", open).exchange().expectStatus().isOk();
    }
}
