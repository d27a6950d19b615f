package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Base of the REST tests: the service on embedded H2, a client that records every 5xx it sees (no
 * request may ever yield one, cleanup included), and assertions on RFC 9457 problem responses.
 */
abstract class RestTest extends IntegrationTest {

    /** Every 5xx of the running test class, including those of the base class's cleanup requests. */
    private static final List<String> SERVER_ERRORS = new CopyOnWriteArrayList<>();

    private final List<String> serverErrorsOfThisTest = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.H2.register(registry);
    }

    @BeforeAll
    static void forgetServerErrors() {
        SERVER_ERRORS.clear();
    }

    @BeforeEach
    void recordServerErrors() {
        ExchangeFilterFunction recorder = (request, next) -> next.exchange(request).doOnNext(response -> {
            if (response.statusCode().is5xxServerError()) {
                String error = request.method() + " " + request.url() + " -> " + response.statusCode();
                serverErrorsOfThisTest.add(error);
                SERVER_ERRORS.add(error);
            }
        });
        web = web.mutate().filter(recorder).build();
    }

    @AfterEach
    void noServerErrorsInThisTest() {
        assertThat(serverErrorsOfThisTest).as("requests answered with 5xx").isEmpty();
    }

    @AfterAll
    static void noServerErrorsAtAll() {
        assertThat(SERVER_ERRORS).as("requests answered with 5xx, cleanup included").isEmpty();
    }

    /** POSTs {@code json} to {@code /tasks} as this test's owner, whatever comes back. */
    protected WebTestClient.ResponseSpec postTask(String json) {
        return postJson("/tasks", json.trim().replaceFirst("^\\{", "{\"owner\":\"" + owner + "\","));
    }

    /** POSTs {@code body} as JSON, as given. */
    protected WebTestClient.ResponseSpec postJson(String path, String body) {
        return web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** PATCHes {@code body} as a JSON merge patch onto the task. */
    protected WebTestClient.ResponseSpec patch(Object taskId, String body) {
        return web.patch().uri("/tasks/{id}", taskId).contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue(body).exchange();
    }

    /** Creates an active task that will not fire within any test: its first fire is an hour away. */
    protected Map<String, Object> quietTask(String name) {
        return create("""
                {"name":"%s","handler":"noop","trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}"""
                .formatted(name));
    }

    /** Creates a task and cancels it. */
    protected Map<String, Object> cancelledTask() {
        Map<String, Object> task = quietTask("to-cancel");
        web.post().uri("/tasks/{id}/cancel", task.get("id")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        return task;
    }

    /** Creates a one-shot task and waits until it has run and completed. */
    protected Map<String, Object> completedTask() {
        Map<String, Object> task = create("""
                {"name":"once","handler":"noop","trigger":{"type":"immediate"}}""");
        await().atMost(BOUND).until(() -> "COMPLETED".equals(task(task.get("id")).get("status")));
        return task;
    }

    /** Asserts a problem response of {@code status} and returns its body. */
    protected Problem problem(WebTestClient.ResponseSpec response, HttpStatus status) {
        Problem problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Problem.class).returnResult().getResponseBody();
        assertThat(problem).as("problem body").isNotNull();
        assertThat(problem.status()).as("status in the body").isEqualTo(status.value());
        assertThat(problem.detail()).as("detail").isNotBlank();
        return problem;
    }

    /**
     * Asserts a 400 problem whose violations name {@code field} with a reason containing
     * {@code reason} (ignoring case), and whose detail repeats both.
     */
    protected Problem badRequest(WebTestClient.ResponseSpec response, String field, String reason) {
        Problem problem = problem(response, HttpStatus.BAD_REQUEST);
        assertThat(problem.fields()).as("violated fields of %s", problem).contains(field);
        assertThat(problem.reasonFor(field)).as("reason for %s", field).containsIgnoringCase(reason);
        assertThat(problem.detail()).as("detail").contains(field).containsIgnoringCase(reason);
        return problem;
    }

    /** An RFC 9457 problem as the service writes it. */
    record Problem(String type, String title, int status, String detail, String instance,
                   List<Violation> violations) {

        Problem {
            violations = violations == null ? List.of() : violations;
        }

        List<String> fields() {
            return violations.stream().map(Violation::field).toList();
        }

        String reasonFor(String field) {
            return violations.stream().filter(v -> v.field().equals(field)).map(Violation::reason)
                    .findFirst().orElseThrow();
        }
    }

    /** One named field and what is wrong with it. */
    record Violation(String field, String reason) {
    }
}
