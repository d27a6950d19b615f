package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowRun;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The REST face of workflow runs: start, read, list, signal, pause, resume and cancel, with the
 * answer for every mistake a 4xx problem naming what is wrong.
 */
class WorkflowRunRestTest extends RestTest {

    private static final String APPROVAL = """
            {"name":"%s","inputs":[{"name":"who","required":true},{"name":"note","default":"none"}],
             "steps":[{"id":"prepare","type":"TASK","handler":"noop"},
                      {"id":"approval","type":"SIGNAL","dependsOn":["prepare"],"timeout":"PT1H"},
                      {"id":"finish","type":"TASK","dependsOn":["approval"],"handler":"noop",
                       "params":{"by":"${steps.approval.output.by}"}}]}""";

    /** Creates the approval workflow of this test's owner; returns its id. */
    private String approvalWorkflow(String name) {
        String body = APPROVAL.formatted(name).replaceFirst("^\\{", "{\"owner\":\"" + owner + "\",");
        return (String) postJson("/workflows", body).expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
    }

    private WebTestClient.ResponseSpec start(String workflowId, String body) {
        return postJson("/workflows/" + workflowId + "/runs", body);
    }

    private WorkflowRun started(String workflowId) {
        return start(workflowId, "{\"inputs\":{\"who\":\"ann\"}}").expectStatus().isCreated()
                .expectBody(WorkflowRun.class).returnResult().getResponseBody();
    }

    private WorkflowRun run(UUID id) {
        return web.get().uri("/workflow-runs/{id}", id).exchange().expectStatus().isOk()
                .expectBody(WorkflowRun.class).returnResult().getResponseBody();
    }

    private WorkflowRun awaitRun(UUID id, Predicate<WorkflowRun> condition) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> run(id), condition);
    }

    private static StepRun step(WorkflowRun run, String id) {
        return run.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElseThrow();
    }

    private static boolean waitingForApproval(WorkflowRun run) {
        return step(run, "approval").status() == StepStatus.WAITING;
    }

    private WebTestClient.ResponseSpec steer(UUID runId, String verb) {
        return web.post().uri("/workflow-runs/{id}/" + verb, runId).exchange();
    }

    @Test
    void aStartedRunWaitsForItsSignalAndCompletesWithThePayload() {
        String workflow = approvalWorkflow("approve");
        WorkflowRun run = started(workflow);
        assertThat(run.workflowId()).hasToString(workflow);
        assertThat(run.workflowVersion()).isEqualTo(1);
        assertThat(run.inputs()).isEqualTo(Map.of("who", "ann", "note", "none"));
        assertThat(run.steps()).extracting(StepRun::stepId).containsExactly("prepare", "approval", "finish");
        awaitRun(run.id(), WorkflowRunRestTest::waitingForApproval);
        postJson("/workflow-runs/" + run.id() + "/signals/approval", "{\"by\":\"bob\"}").expectStatus().isOk();
        WorkflowRun done = awaitRun(run.id(), r -> r.status() == RunStatus.COMPLETED);
        assertThat(step(done, "approval").output()).isEqualTo(Map.of("by", "bob"));
        assertThat(step(done, "finish").status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void aNamedVersionRunsThatVersion() {
        String workflow = approvalWorkflow("versioned");
        web.put().uri("/workflows/{id}", workflow).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(APPROVAL.formatted("versioned")).exchange().expectStatus().isOk();
        WorkflowRun first = start(workflow, "{\"inputs\":{\"who\":\"ann\"},\"version\":1}").expectStatus()
                .isCreated().expectBody(WorkflowRun.class).returnResult().getResponseBody();
        assertThat(first.workflowVersion()).isEqualTo(1);
        assertThat(started(workflow).workflowVersion()).isEqualTo(2);
        problem(start(workflow, "{\"version\":9}"), HttpStatus.NOT_FOUND);
    }

    @Test
    void pauseResumeAndCancelSteerTheRun() {
        WorkflowRun run = started(approvalWorkflow("steered"));
        awaitRun(run.id(), WorkflowRunRestTest::waitingForApproval);
        steer(run.id(), "pause").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAUSED");
        problem(steer(run.id(), "pause"), HttpStatus.CONFLICT);
        steer(run.id(), "resume").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RUNNING");
        steer(run.id(), "cancel").expectStatus().isOk();
        WorkflowRun cancelled = awaitRun(run.id(), r -> r.status() == RunStatus.CANCELLED);
        assertThat(step(cancelled, "finish").status()).isIn(StepStatus.CANCELLED, StepStatus.SKIPPED);
        assertThat(problem(steer(run.id(), "cancel"), HttpStatus.CONFLICT).detail()).contains("CANCELLED");
        problem(postJson("/workflow-runs/" + run.id() + "/signals/approval", "{}"), HttpStatus.CONFLICT);
    }

    @Test
    void listFiltersByWorkflowOwnerAndStatus() {
        String a = approvalWorkflow("listed-a");
        String b = approvalWorkflow("listed-b");
        WorkflowRun first = started(a);
        started(a);
        started(b);
        steer(first.id(), "cancel").expectStatus().isOk();
        awaitRun(first.id(), r -> r.status() == RunStatus.CANCELLED);
        web.get().uri("/workflow-runs?workflow={w}&size=1", a).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2).jsonPath("$.items.length()").isEqualTo(1);
        web.get().uri("/workflow-runs?owner={o}", owner).exchange().expectBody().jsonPath("$.total").isEqualTo(3);
        web.get().uri("/workflow-runs?owner={o}&status=CANCELLED", owner).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(first.id().toString());
    }

    @Test
    void badInputsAreRejectedNamingTheInput() {
        String workflow = approvalWorkflow("inputs");
        badRequest(start(workflow, "{}"), "inputs.who", "is required");
        badRequest(start(workflow, "{\"inputs\":{\"who\":\"ann\",\"extra\":1}}"), "inputs.extra", "has no input 'extra'");
        badRequest(start(workflow, "{\"inputs\":[1]}"), "inputs", "JSON object");
        badRequest(start(workflow, "{\"inputs\":{\"who\":\"a\"},\"version\":\"x\"}"), "version", "whole number");
    }

    @Test
    void unknownRunsWorkflowsAndStepsAre404() {
        UUID ghost = UUID.randomUUID();
        problem(web.get().uri("/workflow-runs/{id}", ghost).exchange(), HttpStatus.NOT_FOUND);
        for (String verb : new String[] {"cancel", "pause", "resume"}) {
            problem(steer(ghost, verb), HttpStatus.NOT_FOUND);
        }
        problem(postJson("/workflow-runs/" + ghost + "/signals/approval", "{}"), HttpStatus.NOT_FOUND);
        problem(start(ghost.toString(), "{}"), HttpStatus.NOT_FOUND);
        WorkflowRun run = started(approvalWorkflow("steps"));
        problem(postJson("/workflow-runs/" + run.id() + "/signals/nowhere", "{}"), HttpStatus.NOT_FOUND);
    }

    @Test
    void badQueryAndPathValuesAre400() {
        badRequest(web.get().uri("/workflow-runs?status=DONE").exchange(), "status", "one of");
        badRequest(web.get().uri("/workflow-runs?workflow=abc").exchange(), "workflow", "UUID");
        badRequest(web.get().uri("/workflow-runs?size=501").exchange(), "size", "between 1 and 500");
        badRequest(web.get().uri("/workflow-runs?page=-2").exchange(), "page", "negative");
        badRequest(web.get().uri("/workflow-runs/xyz").exchange(), "id", "UUID");
        badRequest(web.post().uri("/workflow-runs/xyz/cancel").exchange(), "id", "UUID");
    }
}
