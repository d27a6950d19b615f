package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A task's {@code dependsOn} over REST: shown as given, and every bad reference a 400 naming it. */
class TaskDependenciesRestTest extends RestTest {

    private String dependingOn(String ids) {
        return """
                {"name":"d","handler":"noop","trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"},
                 "dependsOn":[%s]}""".formatted(ids);
    }

    @Test
    void dependenciesAreShownAsGiven() {
        Object a = quietTask("a").get("id");
        Map<String, Object> d = create(dependingOn("\"" + a + "\""));
        assertThat(d.get("dependsOn")).isEqualTo(List.of(a));
        assertThat(quietTask("plain")).doesNotContainKey("dependsOn");
    }

    @Test
    void unknownTaskIsRejected() {
        UUID ghost = UUID.randomUUID();
        badRequest(postTask(dependingOn("\"" + ghost + "\"")), "dependsOn[0]", "unknown task " + ghost);
    }

    @Test
    void malformedAndRepeatedIdsAreRejected() {
        Object a = quietTask("a").get("id");
        badRequest(postTask(dependingOn("\"" + a + "\",\"" + a + "\"")), "dependsOn[1]", "duplicate dependency");
        badRequest(postTask(dependingOn("\"first\"")), "dependsOn[0]", "first");
        badRequest(postTask(dependingOn("null")), "dependsOn[0]", "must be a task id");
    }

    @Test
    void aTaskCannotDependOnItself() {
        Object a = quietTask("a").get("id");
        badRequest(patch(a, "{\"dependsOn\":[\"" + a + "\"]}"), "dependsOn[0]", "cannot depend on itself");
    }

    @Test
    void cyclesAreRejectedNamingThePath() {
        Object a = quietTask("a").get("id");
        Object b = create(dependingOn("\"" + a + "\"")).get("id");
        Object c = create(dependingOn("\"" + b + "\"")).get("id");
        badRequest(patch(a, "{\"dependsOn\":[\"" + c + "\"]}"), "dependsOn",
                "tasks " + a + " -> " + c + " -> " + b + " -> " + a + " depend on each other in a cycle");
        assertThat(task(a)).doesNotContainKey("dependsOn");
    }
}
