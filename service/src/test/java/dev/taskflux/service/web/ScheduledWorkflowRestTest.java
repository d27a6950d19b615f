package dev.taskflux.service.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** A task's {@code workflow} target over REST: every mistake a 400 naming the field. */
class ScheduledWorkflowRestTest extends RestTest {

    private static final String IMMEDIATE = "\"trigger\":{\"type\":\"immediate\"}";

    @BeforeEach
    void greetWorkflow() {
        web.post().uri("/workflows").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"owner":"%s","name":"greet","inputs":[{"name":"who","required":true}],
                 "steps":[{"id":"only","type":"TASK","handler":"noop"}]}""".formatted(owner))
                .exchange().expectStatus().isCreated();
    }

    private void rejected(String workflow, String field, String reason) {
        badRequest(postTask("{\"name\":\"t\"," + workflow + "," + IMMEDIATE + "}"), field, reason);
    }

    @Test
    void unknownWorkflowIsRejected() {
        rejected("\"workflow\":{\"id\":\"nothing\",\"inputs\":{\"who\":\"a\"}}", "workflow.id",
                "unknown workflow 'nothing' of owner");
    }

    @Test
    void anotherOwnersWorkflowIsUnknownByName() {
        badRequest(postJson("/tasks", "{\"owner\":\"stranger\",\"name\":\"t\",\"workflow\":{\"id\":\"greet\","
                + "\"inputs\":{\"who\":\"a\"}}," + IMMEDIATE + "}"), "workflow.id", "unknown workflow 'greet'");
    }

    @Test
    void missingAndUndeclaredInputsAreRejected() {
        rejected("\"workflow\":{\"id\":\"greet\"}", "workflow.inputs.who", "is required by workflow 'greet'");
        rejected("\"workflow\":{\"id\":\"greet\",\"inputs\":{\"who\":\"a\",\"age\":3}}", "workflow.inputs.age",
                "has no input 'age'");
    }

    @Test
    void theTargetMustBeWellFormed() {
        rejected("\"workflow\":{\"inputs\":{}}", "workflow.id", "is required");
        rejected("\"workflow\":{\"id\":\"greet\"},\"handler\":\"noop\"", "workflow", "either handler or workflow");
        rejected("\"workflow\":{\"id\":\"greet\"},\"params\":{\"a\":1}", "params", "workflow.inputs instead");
        rejected("\"workflow\":{\"id\":\"greet\",\"inputs\":[1]}", "workflow.inputs", "JSON object");
        rejected("\"workflow\":\"greet\"", "workflow", "");
    }

    @Test
    void anEditToAnUnknownWorkflowIsRejected() {
        Object id = create("{\"name\":\"t\",\"workflow\":{\"id\":\"greet\",\"inputs\":{\"who\":\"a\"}},"
                + "\"trigger\":{\"type\":\"interval\",\"every\":\"PT1H\",\"initialDelay\":\"PT1H\"}}").get("id");
        badRequest(patch(id, "{\"workflow\":{\"id\":\"gone\"}}"), "workflow.id", "unknown workflow 'gone'");
    }
}
