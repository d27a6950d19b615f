package dev.taskflux.service.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.error.FieldViolation;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

class HttpCallTest {

    private static final String URL = "https://hooks.example.com/fire";

    @Test
    void appliesDefaults() {
        HttpCall call = HttpCall.parse(Map.of("url", URL));

        assertThat(call.url()).isEqualTo(URI.create(URL));
        assertThat(call.method()).isEqualTo(HttpMethod.GET);
        assertThat(call.headers()).isEmpty();
        assertThat(call.body()).isNull();
        assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(call.maxResponseBytes()).isEqualTo(64 * 1024);
        assertThat(call.expects(200)).isTrue();
        assertThat(call.expects(299)).isTrue();
        assertThat(call.expects(300)).isFalse();
        assertThat(call.expects(199)).isFalse();
    }

    @Test
    void readsEveryParam() {
        HttpCall call = HttpCall.parse(Map.of("url", "http://localhost:8080/x?y=1", "method", "delete",
                "headers", Map.of("X-Token", "t"), "body", List.of(1, "two"), "expectedStatus", List.of(204, 404),
                "timeout", 2500, "maxResponseBytes", 1024 * 1024));

        assertThat(call.method()).isEqualTo(HttpMethod.DELETE);
        assertThat(call.headers()).isEqualTo(Map.of("X-Token", "t"));
        assertThat(call.body()).isEqualTo("[1,\"two\"]");
        assertThat(call.json()).isTrue();
        assertThat(call.expectedStatus()).isEqualTo(Set.of(204, 404));
        assertThat(call.expects(404)).isTrue();
        assertThat(call.expects(200)).isFalse();
        assertThat(call.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(call.maxResponseBytes()).isEqualTo(1024 * 1024);
        assertThat(call.describe()).isEqualTo("DELETE http://localhost:8080/x");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badParams")
    void rejectsBadParams(Map<String, Object> params, String field, String reason) {
        Map<String, Object> withUrl = new HashMap<>(Map.of("url", URL));
        withUrl.putAll(params);

        assertThat(Violated.by(() -> HttpCall.parse(withUrl))).containsExactly(new FieldViolation(field, reason));
    }

    static Stream<Arguments> badParams() {
        String absolute = "must be an absolute http or https URL";
        String expected = "must be a list of status codes from 100 to 599";
        return Stream.of(
                bad(Map.of("url", 42), "params.url", "must be a string"),
                bad(Map.of("url", "/relative"), "params.url", absolute),
                bad(Map.of("url", "ftp://example.com/file"), "params.url", absolute),
                bad(Map.of("url", "http://"), "params.url", absolute),
                bad(Map.of("url", "http://exa mple.com"), "params.url", absolute),
                bad(Map.of("method", "TRACE"), "params.method", "must be one of DELETE, GET, HEAD, PATCH, POST, PUT"),
                bad(Map.of("method", 1), "params.method", "must be a string"),
                bad(Map.of("headers", "X-A: b"), "params.headers", "must be an object"),
                bad(Map.of("headers", Map.of("X-A", 1)), "params.headers.X-A", "must be a string without line breaks"),
                bad(Map.of("headers", Map.of("X-A", "a\r\nX-Evil: 1")), "params.headers.X-A",
                        "must be a string without line breaks"),
                bad(Map.of("headers", Map.of("Bad Name", "v")), "params.headers.Bad Name", "is not a valid header name"),
                bad(Map.of("headers", Map.of("Content-Length", "3")), "params.headers.Content-Length",
                        "is set by Taskflux and cannot be given"),
                bad(Map.of("body", 12), "params.body", "must be a string, or a JSON object or array"),
                bad(Map.of("expectedStatus", 200), "params.expectedStatus", "must be an array"),
                bad(Map.of("expectedStatus", List.of(200, 600)), "params.expectedStatus", expected),
                bad(Map.of("expectedStatus", List.of("200")), "params.expectedStatus", expected),
                bad(Map.of("expectedStatus", List.of()), "params.expectedStatus",
                        "must not be empty; leave it out to accept any 2xx"),
                bad(Map.of("timeout", "30 seconds"), "params.timeout",
                        "must be an ISO-8601 duration such as PT5S or a whole number of milliseconds"),
                bad(Map.of("timeout", "PT0S"), "params.timeout", "must be positive and at most PT24H"),
                bad(Map.of("timeout", "P2D"), "params.timeout", "must be positive and at most PT24H"),
                bad(Map.of("maxResponseBytes", 1024 * 1024 + 1), "params.maxResponseBytes",
                        "must be between 0 and 1048576"),
                bad(Map.of("maxResponseBytes", -1), "params.maxResponseBytes", "must be between 0 and 1048576"),
                bad(Map.of("maxResponseBytes", 1.5), "params.maxResponseBytes", "must be a whole number"),
                bad(Map.of("retries", 3), "params.retries",
                        "unknown parameter; known: body, expectedStatus, headers, maxResponseBytes, method, timeout, url"));
    }

    @Test
    void requiresUrl() {
        assertThat(Violated.by(() -> HttpCall.parse(Map.of())))
                .containsExactly(new FieldViolation("params.url", "is required"));
    }

    @Test
    void reportsEveryViolationAtOnce() {
        Map<String, Object> params = Map.of("method", "BREW", "timeout", -1, "maxResponseBytes", "big", "body", true);

        assertThat(Violated.fields(() -> HttpCall.parse(params))).containsExactlyInAnyOrder("params.url",
                "params.method", "params.timeout", "params.maxResponseBytes", "params.body");
    }

    @Test
    void handlerValidatesWithTheSameRules() {
        HttpTaskHandler http = new HttpTaskHandler(WebClient.builder());

        http.validate(Map.of("url", URL, "method", "POST", "body", Map.of("a", 1)));
        assertThat(Violated.fields(() -> http.validate(Map.of("url", "nope")))).containsExactly("params.url");
    }

    private static Arguments bad(Map<String, Object> params, String field, String reason) {
        return Arguments.of(params, field, reason);
    }
}
