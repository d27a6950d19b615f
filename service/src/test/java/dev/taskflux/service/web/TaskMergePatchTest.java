package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** {@code PATCH /tasks/{id}} as a JSON merge patch (RFC 7386) that reschedules the task from now. */
class TaskMergePatchTest extends RestTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void changingTheIntervalReschedulesFromNowAndBumpsTheVersion() {
        Map<String, Object> task = create("""
                {"name":"every","handler":"noop","description":"hourly","labels":{"team":"ops","env":"dev"},
                 "trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}""");
        assertThat(task).containsEntry("version", 1).containsEntry("status", "ACTIVE");
        Instant firstFire = Instant.parse((String) task.get("nextFireAt"));

        Instant before = clock.instant();
        Map<String, Object> patched = patchOk(task.get("id"), """
                {"trigger":{"every":"PT2H","initialDelay":"PT3H"},"labels":{"env":"prod","team":null},
                 "description":null}""");
        Instant after = clock.instant();

        assertThat(patched).containsEntry("version", 2).containsEntry("status", "ACTIVE")
                .containsEntry("name", "every").containsEntry("handler", "noop")
                .containsEntry("trigger", Map.of("type", "interval", "every", "PT2H", "initialDelay", "PT3H"))
                .containsEntry("labels", Map.of("env", "prod"))
                .doesNotContainKey("description");
        Instant nextFire = Instant.parse((String) patched.get("nextFireAt"));
        assertThat(nextFire).isAfter(firstFire.plus(Duration.ofHours(1)))
                .isBetween(before.plus(Duration.ofHours(3)), after.plus(Duration.ofHours(3)));

        Map<String, Object> stored = task(task.get("id"));
        assertThat(stored).containsEntry("version", 2).containsEntry("trigger", patched.get("trigger"))
                .containsEntry("labels", Map.of("env", "prod"));
        // The store keeps microseconds; the response may show the clock's nanoseconds.
        assertThat(Instant.parse((String) stored.get("nextFireAt"))).isEqualTo(nextFire.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void eachPatchBumpsTheVersionAndPlainJsonIsAcceptedToo() {
        Object id = quietTask("v").get("id");
        assertThat(patchOk(id, "{\"priority\":5}")).containsEntry("version", 2).containsEntry("priority", 5);
        Map<String, Object> third = web.patch().uri("/tasks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"v2\"}").exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(third).containsEntry("version", 3).containsEntry("name", "v2").containsEntry("priority", 5);
    }

    @Test
    void switchingToCronSchedulesTheNextCronFire() {
        Object id = quietTask("to-cron").get("id");
        Map<String, Object> patched = patchOk(id, """
                {"trigger":{"type":"cron","expression":"0 0 1 1 *","timezone":"Asia/Shanghai","every":null,
                 "initialDelay":null}}""");
        assertThat(patched).containsEntry("trigger",
                Map.of("type", "cron", "expression", "0 0 1 1 *", "timezone", "Asia/Shanghai"));
        Instant nextFire = Instant.parse((String) patched.get("nextFireAt"));
        assertThat(nextFire.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDateTime())
                .satisfies(local -> {
                    assertThat(local.getMonthValue()).isEqualTo(1);
                    assertThat(local.getDayOfMonth()).isEqualTo(1);
                    assertThat(local.getHour()).isZero();
                    assertThat(local.getMinute()).isZero();
                });
        assertThat(nextFire).isAfter(clock.instant());
    }

    @Test
    void patchingAPausedTaskKeepsItPaused() {
        Object id = quietTask("paused").get("id");
        web.post().uri("/tasks/{id}/pause", id).exchange().expectStatus().isOk();
        Map<String, Object> patched = patchOk(id, "{\"trigger\":{\"every\":\"PT5M\"}}");
        assertThat(patched).containsEntry("status", "PAUSED").containsEntry("version", 3)
                .doesNotContainKey("nextFireAt");
        assertThat(patched.get("trigger")).isEqualTo(Map.of("type", "interval", "every", "PT5M",
                "initialDelay", "PT1H"));
    }

    private Map<String, Object> patchOk(Object id, String body) {
        return patch(id, body).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JSON).returnResult().getResponseBody();
    }
}
