package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The REST face of workflow definitions: every endpoint's answer, and a 400 problem naming the
 * step and the reason for every kind of invalid definition.
 */
class WorkflowDefinitionRestTest extends RestTest {

    /** A valid two-step definition named {@code name}. */
    static String workflow(String name) {
        return """
                {"name":"%s","description":"copy then wait",
                 "inputs":[{"name":"path","required":true},{"name":"limit","default":10}],
                 "steps":[
                   {"id":"copy","type":"TASK","handler":"noop","params":{"from":"${inputs.path}"},
                    "retry":{"maxRetries":2,"initialDelay":"PT1S"},"timeout":"PT5M"},
                   {"id":"check","type":"CONDITION","dependsOn":["copy"],"expression":"inputs.limit > 5",
                    "then":["pause"],"else":["skip"]},
                   {"id":"pause","type":"WAIT","dependsOn":["check"],"duration":"PT5M"},
                   {"id":"skip","type":"TASK","dependsOn":["check"],"handler":"noop"}],
                 "failurePolicy":"CONTINUE","timeout":"PT1H"}""".formatted(name);
    }

    private WebTestClient.ResponseSpec post(String json) {
        return postJson("/workflows", json.trim().replaceFirst("^\\{", "{\"owner\":\"" + owner + "\","));
    }

    private Map<String, Object> created(String name) {
        return post(workflow(name)).expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    @Test
    void createAnswersWithTheStoredVersionInTheSameShape() {
        Map<String, Object> body = created("copy");
        assertThat(body).containsEntry("version", 1).containsEntry("owner", owner).containsEntry("name", "copy")
                .containsEntry("failurePolicy", "CONTINUE").containsEntry("timeout", "PT1H").containsKey("createdAt");
        UUID.fromString((String) body.get("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) body.get("steps");
        assertThat(steps.get(0)).containsEntry("timeout", "PT5M").containsEntry("params", Map.of("from", "${inputs.path}"));
        assertThat(steps.get(1)).containsEntry("else", List.of("skip")).containsEntry("then", List.of("pause"));
        assertThat(steps.get(2)).containsEntry("duration", "PT5M");
        assertThat((List<?>) body.get("inputs")).element(1).isEqualTo(Map.of("name", "limit", "default", 10));
    }

    @Test
    void getListUpdateAndDeleteAnswerAsDocumented() {
        Map<String, Object> created = created("lifecycle");
        Object id = created.get("id");
        web.put().uri("/workflows/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(workflow("lifecycle").replace("copy then wait", "second")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.owner").isEqualTo(owner);
        web.get().uri("/workflows/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.description").isEqualTo("second");
        web.get().uri("/workflows/{id}?version=1", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.description").isEqualTo("copy then wait");
        web.get().uri("/workflows?owner={o}&name=LIFE&size=10", owner).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].version").isEqualTo(2);
        web.delete().uri("/workflows/{id}", id).exchange().expectStatus().isNoContent();
        problem(web.get().uri("/workflows/{id}", id).exchange(), HttpStatus.NOT_FOUND);
        problem(web.delete().uri("/workflows/{id}", id).exchange(), HttpStatus.NOT_FOUND);
    }

    @Test
    void missingDefinitionsAndVersionsAre404() {
        Object id = created("versions").get("id");
        assertThat(problem(web.get().uri("/workflows/{id}?version=7", id).exchange(), HttpStatus.NOT_FOUND).detail())
                .contains("version 7");
        problem(web.get().uri("/workflows/{id}", UUID.randomUUID()).exchange(), HttpStatus.NOT_FOUND);
        problem(web.put().uri("/workflows/{id}", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(workflow("x")).exchange(), HttpStatus.NOT_FOUND);
    }

    @Test
    void aSecondLiveDefinitionOfTheSameNameIsAConflict() {
        created("twice");
        assertThat(problem(post(workflow("twice")), HttpStatus.CONFLICT).detail()).contains("'twice'");
    }

    @Test
    void theOwnerCannotChange() {
        Object id = created("owned").get("id");
        badRequest(web.put().uri("/workflows/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(workflow("owned").replaceFirst("^\\{", "{\"owner\":\"thief\",")).exchange(),
                "owner", "cannot change");
    }

    @Test
    void badPathAndQueryValuesAre400() {
        badRequest(web.get().uri("/workflows/not-a-uuid").exchange(), "id", "UUID");
        badRequest(web.get().uri("/workflows?size=0").exchange(), "size", "between 1 and 500");
        badRequest(web.get().uri("/workflows?page=-1").exchange(), "page", "negative");
        Object id = created("paths").get("id");
        badRequest(web.get().uri("/workflows/{id}?version=two", id).exchange(), "version", "whole number");
    }

    static Stream<Arguments> invalidDefinitions() {
        String task = "{\"id\":\"a\",\"type\":\"TASK\",\"handler\":\"noop\"}";
        return Stream.of(
                arguments("a cycle", """
                        {"name":"w","steps":[{"id":"a","type":"TASK","handler":"noop","dependsOn":["b"]},
                        {"id":"b","type":"TASK","handler":"noop","dependsOn":["a"]}]}""",
                        "steps[0].dependsOn", "a -> b -> a"),
                arguments("an unknown step id", """
                        {"name":"w","steps":[{"id":"a","type":"TASK","handler":"noop","dependsOn":["ghost"]}]}""",
                        "steps[0].dependsOn", "step 'a' depends on unknown step 'ghost'"),
                arguments("an unknown handler", """
                        {"name":"w","steps":[{"id":"a","type":"TASK","handler":"teleport"}]}""",
                        "steps[0].handler", "unknown handler 'teleport'"),
                arguments("a bad expression", """
                        {"name":"w","steps":[%s,{"id":"c","type":"CONDITION","dependsOn":["a"],
                        "expression":"inputs.x >","then":[]}]}""".formatted(task),
                        "steps[1].expression", "inputs.x >"),
                arguments("a condition that is not a bool", """
                        {"name":"w","steps":[{"id":"c","type":"CONDITION","expression":"'yes'"}]}""",
                        "steps[0].expression", "must be a bool"),
                arguments("a bad template", """
                        {"name":"w","steps":[{"id":"a","type":"TASK","handler":"noop","params":{"p":"${inputs.}"}}]}""",
                        "steps[0].params.p", "inputs."),
                arguments("a template reading a step that is not upstream", """
                        {"name":"w","steps":[{"id":"a","type":"TASK","handler":"noop","params":{"p":"${steps.b.output}"}},
                        {"id":"b","type":"TASK","handler":"noop"}]}""",
                        "steps[0].params", "step 'a' reads steps.b, which is not upstream of it"),
                arguments("a duplicate step id", """
                        {"name":"w","steps":[%s,%s]}""".formatted(task, task),
                        "steps[1].id", "duplicate step id 'a'"),
                arguments("no steps", """
                        {"name":"w","steps":[]}""", "steps", "at least one step"),
                arguments("no name", """
                        {"steps":[%s]}""".formatted(task), "name", "is required"),
                arguments("a WAIT without duration", """
                        {"name":"w","steps":[{"id":"a","type":"WAIT"}]}""", "steps[0].duration", "exactly one"),
                arguments("a SIGNAL without timeout", """
                        {"name":"w","steps":[{"id":"a","type":"SIGNAL"}]}""", "steps[0].timeout", "needs a timeout"),
                arguments("a MAP concurrency out of range", """
                        {"name":"w","steps":[{"id":"a","type":"MAP","items":"[1]","handler":"noop","concurrency":0}]}""",
                        "steps[0].concurrency", "between 1 and 1024"),
                arguments("a required input with a default", """
                        {"name":"w","inputs":[{"name":"x","required":true,"default":1}],"steps":[%s]}""".formatted(task),
                        "inputs[0].default", "cannot have a default"),
                arguments("an unknown step type", """
                        {"name":"w","steps":[{"id":"a","type":"JUMP"}]}""", "steps[0].type", "JUMP"),
                arguments("a malformed duration", """
                        {"name":"w","steps":[{"id":"a","type":"WAIT","duration":"5 minutes"}]}""",
                        "steps[0].duration", "ISO-8601 duration"),
                arguments("a malformed retry", """
                        {"name":"w","steps":[{"id":"a","type":"TASK","handler":"noop","retry":{"maxRetries":"x"}}]}""",
                        "steps[0].retry.maxRetries", "whole number"),
                arguments("an unknown failure policy", """
                        {"name":"w","failurePolicy":"SOMETIMES","steps":[%s]}""".formatted(task),
                        "failurePolicy", "SOMETIMES"),
                arguments("a sub-workflow that does not exist", """
                        {"name":"w","steps":[{"id":"a","type":"SUB_WORKFLOW","workflow":"nowhere"}]}""",
                        "steps[0].workflow", "unknown workflow 'nowhere'"),
                arguments("an owner too long", """
                        {"name":"w","steps":[%s]}""".formatted(task).replaceFirst("^\\{",
                        "{\\\"owner\\\":\\\"" + "o".repeat(201) + "\\\","), "owner", "at most 200"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void invalidDefinitionIsRejectedNamingTheStepAndTheReason(String label, String json, String field, String reason) {
        String body = json.contains("\"owner\"") ? json : json.replaceFirst("^\\{", "{\"owner\":\"" + owner + "\",");
        badRequest(postJson("/workflows", body), field, reason);
    }

    @Test
    void theReadmeExampleIsAValidDefinition() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("### Workflows"));
        String example = section.substring(section.indexOf("-d '") + 4, section.indexOf("}'") + 1)
                .replace("\"owner\": \"data\"", "\"owner\": \"" + owner + "\"");
        post("{\"name\":\"publisher\",\"inputs\":[{\"name\":\"file\"}],"
                + "\"steps\":[{\"id\":\"p\",\"type\":\"TASK\",\"handler\":\"noop\"}]}").expectStatus().isCreated();
        postJson("/workflows", example).expectStatus().isCreated().expectBody()
                .jsonPath("$.owner").isEqualTo(owner).jsonPath("$.steps.length()").isEqualTo(7);
    }

    @Test
    void anInvalidEditIsRejectedAndStoresNoVersion() {
        Object id = created("guarded").get("id");
        badRequest(web.put().uri("/workflows/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(workflow("guarded").replace("\"noop\"", "\"teleport\"")).exchange(),
                "steps[0].handler", "unknown handler");
        web.get().uri("/workflows/{id}", id).exchange().expectBody().jsonPath("$.version").isEqualTo(1);
    }
}
