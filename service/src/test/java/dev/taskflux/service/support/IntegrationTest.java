package dev.taskflux.service.support;

import static org.awaitility.Awaitility.await;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of tests that run the whole service on a real database (see {@link DatabaseProfile}), drive
 * it over REST with {@link WebTestClient} and wait for outcomes with a bound.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "taskflux.node.id=test-node",
        "taskflux.grpc.port=0",
        "taskflux.scheduler.poll-interval=200ms",
        "taskflux.scheduler.heartbeat-interval=300ms",
        "taskflux.scheduler.lease-duration=3s",
        "logging.level.dev.taskflux=INFO",
        // many test contexts share one PostgreSQL server: idle ones give their connections back
        "spring.r2dbc.pool.initial-size=1",
        "spring.r2dbc.pool.max-idle-time=2s"})
@Import({TestHandlers.class, TestClockConfiguration.class})
public abstract class IntegrationTest {

    /** How long any awaited outcome may take. */
    protected static final Duration BOUND = Duration.ofSeconds(15);

    @LocalServerPort
    private int port;

    @Autowired
    protected MutableClock clock;

    protected WebTestClient web;
    protected String owner;

    @BeforeEach
    void client() {
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/api/v1")
                .responseTimeout(Duration.ofSeconds(20)).build();
        owner = "owner-" + UUID.randomUUID();
    }

    @AfterEach
    void cancelOwnTasks() {
        tasksOf(owner).forEach(task -> web.post().uri("/tasks/{id}/cancel", task.get("id")).exchange());
        clock.reset();
    }

    /** The port the service listens on. */
    protected int port() {
        return port;
    }

    /** Creates a task of this test's owner from a JSON body (without owner); returns its JSON. */
    protected Map<String, Object> create(String json) {
        String body = json.trim().replaceFirst("^\\{", "{\"owner\":\"" + owner + "\",");
        return web.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    /** The task's instances, latest fire first. */
    protected List<TaskInstance> instances(Object taskId) {
        return web.get().uri("/tasks/{id}/instances?size=500", taskId).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<PageOf<TaskInstance>>() {
                }).returnResult().getResponseBody().items();
    }

    /** Waits until the task's instances satisfy {@code condition}; returns them. */
    protected List<TaskInstance> awaitInstances(Object taskId, Predicate<List<TaskInstance>> condition) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> instances(taskId), condition);
    }

    /** Waits until the task has an instance in {@code status}; returns it. */
    protected TaskInstance awaitInstance(Object taskId, InstanceStatus status) {
        return awaitInstances(taskId, list -> list.stream().anyMatch(i -> i.status() == status)).stream()
                .filter(i -> i.status() == status).findFirst().orElseThrow();
    }

    /** The task as JSON. */
    protected Map<String, Object> task(Object taskId) {
        return web.get().uri("/tasks/{id}", taskId).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    /** Counts the instances in {@code status}. */
    protected static long count(List<TaskInstance> instances, InstanceStatus status) {
        return instances.stream().filter(i -> i.status() == status).count();
    }

    private List<Map<String, Object>> tasksOf(String who) {
        return web.get().uri("/tasks?owner={o}&size=500", who).exchange()
                .expectBody(new ParameterizedTypeReference<PageOf<Map<String, Object>>>() {
                }).returnResult().getResponseBody().items();
    }

    /** A page as the REST API returns it. */
    public record PageOf<T>(List<T> items, int page, int size, long total) {
    }
}
