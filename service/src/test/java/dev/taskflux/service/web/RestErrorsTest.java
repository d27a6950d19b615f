package dev.taskflux.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every kind of bad request the REST API can get, and the answer it must give: a 400, 404, 409 or
 * 413 {@code application/problem+json} that names the offending field and says what is wrong,
 * never a 5xx.
 */
class RestErrorsTest extends RestTest {

    private static final String NOOP = "\"handler\":\"noop\"";
    private static final String IMMEDIATE = "\"trigger\":{\"type\":\"immediate\"}";
    private static final String NOW_NOOP = "\"name\":\"n\"," + NOOP + "," + IMMEDIATE;

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                arguments("truncated JSON", "{\"name\":\"x\",", "body", "malformed JSON"),
                arguments("not JSON at all", "name=x", "body", "malformed JSON"),
                arguments("an array instead of an object", "[{\"name\":\"x\"}]", "body", "array"),
                arguments("a string instead of an object", "\"task\"", "body", "string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodyIsRejected(String label, String body, String field, String reason) {
        badRequest(postJson("/tasks", body), field, reason);
    }

    @Test
    void emptyBodyIsRejected() {
        badRequest(web.post().uri("/tasks").contentType(MediaType.APPLICATION_JSON).exchange(), "body", "body");
    }

    @Test
    void nonJsonContentTypeIsUnsupported() {
        Problem problem = problem(web.post().uri("/tasks").contentType(MediaType.TEXT_PLAIN).bodyValue("{}").exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(problem.detail()).contains("text/plain");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                // wrong JSON types and unknown enum constants, caught while reading the body
                arguments("""
                        {%s,"priority":"high"}""".formatted(NOW_NOOP), "priority", "high"),
                arguments("""
                        {%s,"priority":99999999999}""".formatted(NOW_NOOP), "priority", "99999999999"),
                arguments("""
                        {%s,"misfire":"SOMETIMES"}""".formatted(NOW_NOOP), "misfire", "SOMETIMES"),
                arguments("""
                        {%s,"concurrency":{"policy":"SOMETIMES"}}""".formatted(NOW_NOOP), "concurrency.policy",
                        "SOMETIMES"),
                arguments("""
                        {%s,"retry":{"maxRetries":"many"}}""".formatted(NOW_NOOP), "retry.maxRetries", "many"),
                arguments("""
                        {%s,"params":[1,2]}""".formatted(NOW_NOOP), "params", "JSON object"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"interval","every":"5 minutes"}}""".formatted(NOOP),
                        "trigger.every", "5 minutes"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"at","at":"tomorrow"}}""".formatted(NOOP),
                        "trigger.at", "tomorrow"),
                arguments("""
                        {%s,"startAt":"2030-01-01 10:00"}""".formatted(NOW_NOOP), "startAt", "2030-01-01 10:00"),
                // required fields
                arguments("""
                        {%s,%s}""".formatted(NOOP, IMMEDIATE), "name", "is required"),
                arguments("""
                        {"name":"  ",%s,%s}""".formatted(NOOP, IMMEDIATE), "name", "is required"),
                arguments("""
                        {"name":"n",%s}""".formatted(IMMEDIATE), "handler", "is required"),
                arguments("""
                        {"name":"n",%s}""".formatted(NOOP), "trigger", "is required"),
                // triggers
                arguments("""
                        {"name":"n",%s,"trigger":{}}""".formatted(NOOP), "trigger.type", "is required"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"weekly"}}""".formatted(NOOP), "trigger.type",
                        "unknown trigger type 'weekly'"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron"}}""".formatted(NOOP), "trigger.expression",
                        "is required"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"  "}}""".formatted(NOOP),
                        "trigger.expression", "is required"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"61 * * * *"}}""".formatted(NOOP),
                        "trigger.expression", "minute field '61'"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"0 25 * * *"}}""".formatted(NOOP),
                        "trigger.expression", "hour field '25'"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"* * *"}}""".formatted(NOOP),
                        "trigger.expression", "has 3 fields"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"not a cron"}}""".formatted(NOOP),
                        "trigger.expression", "'not a cron' has 3 fields"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"@fortnightly"}}""".formatted(NOOP),
                        "trigger.expression", "@fortnightly"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"cron","expression":"0 9 * * *","timezone":"Mars/Olympus"}}"""
                                .formatted(NOOP), "trigger.timezone", "unknown time zone 'Mars/Olympus'"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"interval","every":"PT0S"}}""".formatted(NOOP),
                        "trigger.every", "must be a positive duration"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"interval","every":"-PT1S"}}""".formatted(NOOP),
                        "trigger.every", "must be a positive duration"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"interval"}}""".formatted(NOOP),
                        "trigger.every", "is required"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"interval","every":"PT1M","initialDelay":"-PT1S"}}"""
                                .formatted(NOOP), "trigger.initialDelay", "must not be negative"),
                arguments("""
                        {"name":"n",%s,"trigger":{"type":"at"}}""".formatted(NOOP), "trigger.at", "is required"),
                // bounds and limits
                arguments("""
                        {%s,"startAt":"2030-01-02T00:00:00Z","endAt":"2030-01-01T00:00:00Z"}""".formatted(NOW_NOOP),
                        "endAt", "must be after startAt"),
                arguments("""
                        {%s,"maxRuns":0}""".formatted(NOW_NOOP), "maxRuns", "must be at least 1"),
                arguments("""
                        {%s,"priority":1001}""".formatted(NOW_NOOP), "priority", "between -1000 and 1000"),
                arguments("""
                        {%s,"priority":-1001}""".formatted(NOW_NOOP), "priority", "between -1000 and 1000"),
                arguments("""
                        {%s,"timeout":"PT0S"}""".formatted(NOW_NOOP), "timeout", "must be a positive duration"),
                arguments("""
                        {"name":"%s",%s,%s}""".formatted("n".repeat(201), NOOP, IMMEDIATE), "name",
                        "at most 200 characters"),
                arguments("""
                        {%s,"labels":{"a=b":"c"}}""".formatted(NOW_NOOP), "labels", "without '='"),
                // retry and concurrency
                arguments("""
                        {%s,"retry":{"maxRetries":-1}}""".formatted(NOW_NOOP), "retry.maxRetries",
                        "must not be negative"),
                arguments("""
                        {%s,"retry":{"maxRetries":101}}""".formatted(NOW_NOOP), "retry.maxRetries", "at most 100"),
                arguments("""
                        {%s,"retry":{"multiplier":0.5}}""".formatted(NOW_NOOP), "retry.multiplier",
                        "between 1 and 100"),
                arguments("""
                        {%s,"retry":{"jitter":2}}""".formatted(NOW_NOOP), "retry.jitter", "between 0 and 1"),
                arguments("""
                        {%s,"retry":{"initialDelay":"PT1M","maxDelay":"PT1S"}}""".formatted(NOW_NOOP),
                        "retry.maxDelay", "must not be less than retry.initialDelay"),
                arguments("""
                        {%s,"concurrency":{"maxInstances":0}}""".formatted(NOW_NOOP), "concurrency.maxInstances",
                        "must be at least 1"),
                arguments("""
                        {%s,"concurrency":{"policy":"FORBID","maxInstances":0}}""".formatted(NOW_NOOP),
                        "concurrency.maxInstances", "must be at least 1"),
                // handlers and their params
                arguments("""
                        {"name":"n","handler":"teleport",%s}""".formatted(IMMEDIATE), "handler",
                        "unknown handler 'teleport'"),
                arguments("""
                        {"name":"n","handler":"sleep",%s}""".formatted(IMMEDIATE), "params.duration", "is required"),
                arguments("""
                        {"name":"n","handler":"sleep","params":{"duration":"soon"},%s}""".formatted(IMMEDIATE),
                        "params.duration", "ISO-8601 duration"),
                arguments("""
                        {"name":"n","handler":"sleep","params":{"duration":"PT0S"},%s}""".formatted(IMMEDIATE),
                        "params.duration", "must be positive"),
                arguments("""
                        {"name":"n","handler":"sleep","params":{"duration":"PT1S","durration":1},%s}"""
                                .formatted(IMMEDIATE), "params.durration", "unknown parameter"),
                arguments("""
                        {"name":"n","handler":"http",%s}""".formatted(IMMEDIATE), "params.url", "is required"),
                arguments("""
                        {"name":"n","handler":"http","params":{"url":"/hooks/1"},%s}""".formatted(IMMEDIATE),
                        "params.url", "absolute http or https URL"),
                arguments("""
                        {"name":"n","handler":"http","params":{"url":"ftp://example.com/x"},%s}"""
                                .formatted(IMMEDIATE), "params.url", "absolute http or https URL"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidSpecs")
    void invalidSpecIsRejectedNamingTheField(String body, String field, String reason) {
        badRequest(postTask(body), field, reason);
    }

    @Test
    void unknownHandlerListsTheKnownOnes() {
        Problem problem = badRequest(postTask("""
                {"name":"n","handler":"teleport",%s}""".formatted(IMMEDIATE)), "handler", "known:");
        assertThat(problem.reasonFor("handler")).contains("noop", "sleep", "http");
    }

    @Test
    void everyOffendingFieldIsReportedAtOnce() {
        Problem problem = problem(postTask("""
                {%s,"priority":5000,"maxRuns":0,"retry":{"jitter":-1}}""".formatted(IMMEDIATE)),
                HttpStatus.BAD_REQUEST);
        assertThat(problem.fields()).contains("name", "handler", "priority", "maxRuns", "retry.jitter");
    }

    @Test
    void nullLabelValueIsRejected() {
        badRequest(postTask("""
                {%s,"labels":{"env":null}}""".formatted(NOW_NOOP)), "labels.env", "must be a string");
    }

    /** Handlers read a null param as an absent one (see ParamReader), so a null is no reason to fail. */
    @Test
    void nullParamIsAcceptedAsAbsent() {
        postTask("""
                {"name":"n",%s,"params":{"optional":null},
                 "trigger":{"type":"interval","every":"PT1H","initialDelay":"PT1H"}}""".formatted(NOOP))
                .expectStatus().isCreated();
    }

    /** Fire instants past {@code Instant.MAX} cannot be scheduled; stored, they would break every round they are due in. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trigger.every        | \"every\":\"PT2562047788015215H\",\"initialDelay\":\"PT1H\"",
            "trigger.initialDelay | \"every\":\"PT1H\",\"initialDelay\":\"PT2562047788015215H\""})
    void intervalTooLongToScheduleIsRejected(String field, String trigger) {
        Problem problem = problem(postTask("""
                {"name":"n",%s,"trigger":{"type":"interval",%s}}""".formatted(NOOP, trigger)),
                HttpStatus.BAD_REQUEST);
        assertThat(problem.fields()).contains(field);
        assertThat(problem.detail()).contains(field);
    }

    @Test
    void paramsLargerThan64KbAsJsonAreRejected() {
        String big = "x".repeat(64 * 1024);
        badRequest(postTask("""
                {%s,"params":{"blob":"%s"}}""".formatted(NOW_NOOP, big)), "params", "at most 65536 bytes");
    }

    @Test
    void bodyBeyondTheCodecLimitIsTooLarge() {
        String huge = "x".repeat(300 * 1024);
        problem(postTask("""
                {%s,"params":{"blob":"%s"}}""".formatted(NOW_NOOP, huge)), HttpStatus.CONTENT_TOO_LARGE);
    }

    @ParameterizedTest(name = "GET /tasks?{0}")
    @CsvSource(delimiter = '|', value = {
            "page=-1        | page   | must not be negative",
            "size=0         | size   | must be between 1 and 500",
            "size=501       | size   | must be between 1 and 500",
            "label==prod    | label  | must be key or key=value"})
    void badTaskListQueryIsRejected(String query, String field, String reason) {
        badRequest(web.get().uri("/tasks?" + query).exchange(), field, reason);
    }

    @ParameterizedTest(name = "GET /tasks/<id>/instances?{0}")
    @CsvSource(delimiter = '|', value = {
            "page=-1         | page   | must not be negative",
            "size=0          | size   | must be between 1 and 500",
            "size=501        | size   | must be between 1 and 500",
            "size=-5         | size   | must be between 1 and 500"})
    void badInstanceListQueryIsRejected(String query, String field, String reason) {
        Object id = quietTask("history").get("id");
        badRequest(web.get().uri("/tasks/" + id + "/instances?" + query).exchange(), field, reason);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /tasks/not-a-uuid",
            "PATCH,  /tasks/not-a-uuid",
            "DELETE, /tasks/not-a-uuid",
            "POST,   /tasks/not-a-uuid/pause",
            "POST,   /tasks/12345/trigger",
            "GET,    /tasks/not-a-uuid/instances",
            "GET,    /instances/not-a-uuid",
            "POST,   /instances/not-a-uuid/cancel"})
    void malformedIdInThePathIsRejected(String method, String path) {
        Problem problem = problem(request(HttpMethod.valueOf(method), path), HttpStatus.BAD_REQUEST);
        assertThat(problem.fields()).containsExactly("id");
        assertThat(problem.detail()).startsWith("id: ");
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(delimiter = '|', value = {
            "/tasks?page=abc                | page   | abc",
            "/tasks?size=1e3                | size   | 1e3",
            "/tasks?status=SLEEPING         | status | SLEEPING",
            "/tasks/not-a-uuid              | id     | not-a-uuid",
            "/instances/12345               | id     | 12345",
            "/schedule/upcoming?count=many  | count  | many",
            "/cron/describe?expression=@daily&count=all | count | all"})
    void unreadableParameterIsRejectedSayingWhatWasGiven(String path, String field, String given) {
        badRequest(web.get().uri(path).exchange(), field, given);
    }

    @ParameterizedTest(name = "GET /tasks/<id>/instances?{0}")
    @CsvSource(delimiter = '|', value = {"page=first | page | first", "status=SLEEPING | status | SLEEPING"})
    void unreadableInstanceListParameterIsRejectedSayingWhatWasGiven(String query, String field, String given) {
        Object id = quietTask("history").get("id");
        badRequest(web.get().uri("/tasks/" + id + "/instances?" + query).exchange(), field, given);
    }

    @ParameterizedTest(name = "{0} /tasks/<unknown>{1}")
    @CsvSource(delimiter = '|', value = {
            "GET    | ''",
            "PATCH  | ''",
            "DELETE | ''",
            "POST   | /pause",
            "POST   | /resume",
            "POST   | /cancel",
            "POST   | /trigger",
            "GET    | /instances"})
    void unknownTaskIsNotFound(String method, String suffix) {
        UUID id = UUID.randomUUID();
        Problem problem = problem(request(HttpMethod.valueOf(method), "/tasks/" + id + suffix), HttpStatus.NOT_FOUND);
        assertThat(problem.detail()).contains("task", id.toString(), "not found");
    }

    @ParameterizedTest(name = "{0} /instances/<unknown>{1}")
    @CsvSource(delimiter = '|', value = {"GET | ''", "POST | /cancel"})
    void unknownInstanceIsNotFound(String method, String suffix) {
        UUID id = UUID.randomUUID();
        Problem problem = problem(request(HttpMethod.valueOf(method), "/instances/" + id + suffix),
                HttpStatus.NOT_FOUND);
        assertThat(problem.detail()).contains("instance", id.toString(), "not found");
    }

    @ParameterizedTest(name = "{0} a cancelled task")
    @CsvSource({"resume, resumed", "pause, paused", "trigger, triggered"})
    void cancelledTaskRefusesLifecycleChanges(String action, String verb) {
        Object id = cancelledTask().get("id");
        Problem problem = problem(web.post().uri("/tasks/{id}/" + action, id).exchange(), HttpStatus.CONFLICT);
        assertThat(problem.detail()).contains(id.toString(), "CANCELLED", verb);
        assertThat(task(id)).containsEntry("status", "CANCELLED");
    }

    @Test
    void cancelledTaskRefusesPatches() {
        Map<String, Object> task = cancelledTask();
        Problem problem = problem(patch(task.get("id"), "{\"name\":\"renamed\"}"), HttpStatus.CONFLICT);
        assertThat(problem.detail()).contains(task.get("id").toString(), "CANCELLED", "updated");
        assertThat(task(task.get("id"))).containsEntry("name", "to-cancel");
    }

    @Test
    void completedTaskCannotBePaused() {
        Object id = completedTask().get("id");
        Problem problem = problem(web.post().uri("/tasks/{id}/pause", id).exchange(), HttpStatus.CONFLICT);
        assertThat(problem.detail()).contains(id.toString(), "COMPLETED", "paused");
        assertThat(task(id)).containsEntry("status", "COMPLETED");
    }

    @Test
    void finishedInstanceCannotBeCancelled() {
        Map<String, Object> task = create("""
                {"name":"done","handler":"noop","trigger":{"type":"immediate"}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        Problem problem = problem(web.post().uri("/instances/{id}/cancel", done.id()).exchange(), HttpStatus.CONFLICT);
        assertThat(problem.detail()).contains(done.id().toString(), "COMPLETED");
        web.get().uri("/instances/{id}", done.id()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
    }

    @ParameterizedTest(name = "PATCH body {0}")
    @ValueSource(strings = {"[]", "[{\"name\":\"x\"}]", "\"renamed\"", "42", "true", "null"})
    void patchBodyMustBeAnObject(String body) {
        Object id = quietTask("kept").get("id");
        badRequest(patch(id, body), "body", "object");
        assertThat(task(id)).containsEntry("name", "kept").containsEntry("version", 1);
    }

    @Test
    void malformedPatchIsRejected() {
        Object id = quietTask("kept").get("id");
        badRequest(patch(id, "{\"name\":"), "body", "malformed JSON");
    }

    static Stream<Arguments> invalidPatches() {
        return Stream.of(
                arguments("{\"trigger\":{\"type\":\"cron\",\"expression\":\"bad\"}}", "trigger.expression", "bad"),
                arguments("{\"trigger\":{\"every\":\"PT0S\"}}", "trigger.every", "must be a positive duration"),
                arguments("{\"trigger\":{\"type\":\"at\"}}", "trigger.at", "is required"),
                arguments("{\"trigger\":null}", "trigger", "is required"),
                arguments("{\"name\":null}", "name", "is required"),
                arguments("{\"handler\":\"teleport\"}", "handler", "unknown handler 'teleport'"),
                arguments("{\"handler\":\"sleep\"}", "params.duration", "is required"),
                arguments("{\"retry\":{\"multiplier\":0.5}}", "retry.multiplier", "between 1 and 100"),
                arguments("{\"priority\":\"high\"}", "priority", "high"),
                arguments("{\"misfire\":\"SOMETIMES\"}", "misfire", "SOMETIMES"),
                arguments("{\"trigger\":{\"every\":\"5 minutes\"}}", "trigger.every", "5 minutes"),
                arguments("{\"params\":\"none\"}", "params", "none"));
    }

    @ParameterizedTest(name = "PATCH {0}")
    @MethodSource("invalidPatches")
    void invalidPatchIsRejectedAndLeavesTheTaskUnchanged(String body, String field, String reason) {
        Map<String, Object> before = task(quietTask("kept").get("id"));
        badRequest(patch(before.get("id"), body), field, reason);
        assertThat(task(before.get("id"))).isEqualTo(before);
    }

    @Test
    void cronDescriptionRejectsAnUnknownZone() {
        badRequest(web.get().uri("/cron/describe?expression={e}&timezone={z}", "0 9 * * *", "Mars/Olympus").exchange(),
                "timezone", "Mars/Olympus");
    }

    @ParameterizedTest(name = "/cron/describe?count={0}")
    @ValueSource(ints = {0, 101})
    void cronDescriptionRejectsACountOutOfRange(int count) {
        badRequest(web.get().uri("/cron/describe?expression={e}&count={c}", "0 9 * * *", count).exchange(),
                "count", "must be between 1 and 100");
    }

    @Test
    void cronDescriptionRequiresAnExpression() {
        badRequest(web.get().uri("/cron/describe").exchange(), "expression", "expression");
    }

    @ParameterizedTest(name = "/cron/describe?expression={0}")
    @CsvSource(delimiter = '|', value = {
            "61 * * * *  | minute field '61'",
            "* * *       | has 3 fields",
            "not a cron  | has 3 fields"})
    void cronDescriptionAnswersAnInvalidExpressionWithoutFailing(String expression, String error) {
        web.get().uri("/cron/describe?expression={e}", expression).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.valid").isEqualTo(false)
                .jsonPath("$.expression").isEqualTo(expression)
                .jsonPath("$.error").value(String.class, e -> assertThat(e).contains(error))
                .jsonPath("$.nextFires").isEmpty()
                .jsonPath("$.description").doesNotExist();
    }

    @ParameterizedTest(name = "/schedule/upcoming?count={0}")
    @ValueSource(ints = {0, -1, 1001})
    void upcomingRejectsACountOutOfRange(int count) {
        badRequest(web.get().uri("/schedule/upcoming?count={c}", count).exchange(), "count",
                "must be between 1 and 1000");
    }

    private WebTestClient.ResponseSpec request(HttpMethod method, String path) {
        WebTestClient.RequestBodySpec spec = web.method(method).uri(path);
        return method == HttpMethod.PATCH
                ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}").exchange()
                : spec.exchange();
    }
}
