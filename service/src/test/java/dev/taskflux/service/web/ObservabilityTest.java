package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Health with the database, Prometheus metrics of executions, lateness and misfires, and the OpenAPI document. */
class ObservabilityTest extends IntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.H2.register(registry);
    }

    @Test
    void healthIncludesTheDatabase() {
        root().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
    }

    @Test
    void prometheusExposesExecutionMetrics() {
        Map<String, Object> task = create("""
                {"name":"m","handler":"noop","trigger":{"type":"immediate"}}""");
        awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(prometheus()).contains("taskflux_executions_total{outcome=\"COMPLETED\"}")
                .contains("taskflux_fire_lateness_seconds_count")
                .contains("taskflux_instances_running")
                .contains("taskflux_instances_queued");
    }

    @Test
    void definitionsReachedLaterThanTheMisfireThresholdAreCounted() {
        double before = misfired();
        Map<String, Object> task = create("""
                {"name":"late","handler":"noop","trigger":{"type":"interval","every":"PT1M"}}""");
        awaitInstance(task.get("id"), InstanceStatus.COMPLETED);

        clock.advance(Duration.ofMinutes(10));

        await().atMost(BOUND).until(() -> misfired() >= before + 1);
    }

    private String prometheus() {
        return root().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private double misfired() {
        String metrics = prometheus();
        return metrics.lines().filter(line -> line.startsWith("taskflux_fires_misfired_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no taskflux_fires_misfired_total in " + metrics));
    }

    @Test
    void openApiDescribesTheTaskEndpoints() {
        root().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/v1/tasks'].post").exists()
                .jsonPath("$.paths['/api/v1/tasks/{id}/instances'].get").exists()
                .jsonPath("$.paths['/api/v1/cron/describe'].get").exists()
                .jsonPath("$.paths['/api/v1/workflows/{id}/runs'].post").exists()
                .jsonPath("$.paths['/api/v1/workflow-runs/{id}/signals/{stepId}'].post").exists();
        root().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    // the first /v3/api-docs request builds the whole document, which takes seconds on a busy machine
    private WebTestClient root() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port())
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}
