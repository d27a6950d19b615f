package dev.taskflux.service.handler;

import static dev.taskflux.service.handler.Contexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** What the {@code http} handler sends and what it makes of answers, against a real local server. */
class HttpTaskHandlerTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final WebhookServer server = new WebhookServer();
    private final HttpTaskHandler http = new HttpTaskHandler(WebClient.builder());

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void getsAndCapturesStatusHeadersAndBody() {
        StepVerifier.create(run(Map.of("url", server.url("/hello"))))
                .assertNext(result -> {
                    assertThat(result).containsEntry("status", 200)
                            .containsEntry("body", "hello")
                            .containsEntry("truncated", false);
                    assertThat(headersOf(result)).containsEntry("content-type", "text/plain;charset=UTF-8")
                            .containsEntry("x-reply", "yes");
                })
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void postsJsonBodyAndHeaders() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "fired");
        event.put("n", 1);
        Map<String, Object> params = Map.of("url", server.url("/capture?x=1"), "method", "POST",
                "headers", Map.of("X-Signature", "abc", "Authorization", "Bearer t"), "body", event);

        StepVerifier.create(run(params))
                .assertNext(result -> assertThat(result).containsEntry("status", 201)
                        .containsEntry("body", "{\"received\":true}"))
                .expectComplete()
                .verify(BOUND);

        WebhookServer.Received received = server.received.get();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/capture?x=1");
        assertThat(received.headers()).containsEntry("x-signature", "abc")
                .containsEntry("authorization", "Bearer t")
                .containsEntry("content-type", "application/json");
        assertThat(JsonMapper.shared().readValue(received.body(), Map.class)).isEqualTo(event);
    }

    @Test
    void sendsStringBodiesAsGivenWithTheirContentType() {
        run(Map.of("url", server.url("/capture"), "method", "put", "body", "a,b")).block(BOUND);
        assertThat(server.received.get().headers()).containsEntry("content-type", "text/plain;charset=UTF-8");
        assertThat(server.received.get().body()).isEqualTo("a,b");

        run(Map.of("url", server.url("/capture"), "method", "PATCH", "body", "<a/>",
                "headers", Map.of("content-type", "application/xml"))).block(BOUND);
        assertThat(server.received.get().method()).isEqualTo("PATCH");
        assertThat(server.received.get().headers()).containsEntry("content-type", "application/xml");
        assertThat(server.received.get().body()).isEqualTo("<a/>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE", "HEAD"})
    void usesTheGivenMethod(String method) {
        Map<String, Object> result = run(Map.of("url", server.url("/capture"), "method", method)).block(BOUND);

        assertThat(server.received.get().method()).isEqualTo(method);
        assertThat(result).containsEntry("status", 201);
    }

    @Test
    void expectedStatusReplacesAny2xx() {
        StepVerifier.create(run(Map.of("url", server.url("/status/404"), "expectedStatus", List.of(404, 410))))
                .assertNext(result -> assertThat(result).containsEntry("status", 404))
                .expectComplete()
                .verify(BOUND);
        StepVerifier.create(run(Map.of("url", server.url("/hello"), "expectedStatus", List.of(204))))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("status 200 (expected [204])"))
                .verify(BOUND);
    }

    @Test
    void truncatesBodiesLargerThanTheCap() {
        Map<String, Object> capped = run(Map.of("url", server.url("/big"), "maxResponseBytes", 1024)).block(BOUND);
        Map<String, Object> byDefault = run(Map.of("url", server.url("/big"))).block(BOUND);

        assertThat(capped).containsEntry("truncated", true).containsEntry("body", "a".repeat(1024));
        assertThat(byDefault).containsEntry("truncated", true);
        assertThat((String) byDefault.get("body")).hasSize(HttpCall.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Test
    void truncatesOnlyPastTheCap() {
        assertThat(run(Map.of("url", server.url("/hello"), "maxResponseBytes", 5)).block(BOUND))
                .containsEntry("body", "hello").containsEntry("truncated", false);
        assertThat(run(Map.of("url", server.url("/hello"), "maxResponseBytes", 4)).block(BOUND))
                .containsEntry("body", "hell").containsEntry("truncated", true);
        assertThat(run(Map.of("url", server.url("/hello"), "maxResponseBytes", 0)).block(BOUND))
                .containsEntry("body", "").containsEntry("truncated", true);
    }

    @Test
    void stopsReadingAnEndlessBodyAtTheCap() {
        StepVerifier.create(run(Map.of("url", server.url("/endless"), "maxResponseBytes", 10_000)))
                .assertNext(result -> assertThat(result).containsEntry("truncated", true)
                        .containsEntry("body", "x".repeat(10_000)))
                .expectComplete()
                .verify(BOUND);

        await().atMost(BOUND).until(() -> server.endlessClosed.getCount() == 0);
    }

    @SuppressWarnings("unchecked")
    private Mono<Map<String, Object>> run(Map<String, Object> params) {
        return http.handle(context("http", params)).map(result -> (Map<String, Object>) result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headersOf(Map<String, Object> result) {
        return (Map<String, String>) result.get("headers");
    }
}
