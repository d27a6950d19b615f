package dev.taskflux.service.handler;

import static dev.taskflux.service.handler.Contexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** How the {@code http} handler fails, times out and gives up, against a real local server. */
class HttpTaskHandlerFailureTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final WebhookServer server = new WebhookServer();
    private final HttpTaskHandler http = new HttpTaskHandler(WebClient.builder());

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void failsRetryablyOnServerErrorsNamingTheStatusButNotTheQuery() {
        StepVerifier.create(run(Map.of("url", server.url("/status/500?token=secret"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(HttpCallException.class)
                            .hasMessageContaining("unexpected HTTP status 500")
                            .hasMessageContaining("GET " + server.url("/status/500"))
                            .hasMessageContaining("status body")
                            .hasMessageNotContaining("secret");
                    assertThat(RetryableErrors.isRetryable(e)).isTrue();
                })
                .verify(BOUND);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 503})
    void retriesStatusesThatMayPass(int status) {
        StepVerifier.create(run(Map.of("url", server.url("/status/" + status))))
                .expectErrorSatisfies(e -> assertThat(RetryableErrors.isRetryable(e)).isTrue())
                .verify(BOUND);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 410})
    void failsForGoodOnClientErrors(int status) {
        StepVerifier.create(run(Map.of("url", server.url("/status/" + status))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(NonRetryableException.class)
                            .hasMessageContaining("unexpected HTTP status " + status);
                    assertThat(RetryableErrors.isRetryable(e)).isFalse();
                })
                .verify(BOUND);
    }

    @Test
    void timeoutCancelsTheRequest() {
        StepVerifier.create(run(Map.of("url", server.url("/never"), "timeout", "PT0.3S")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(HttpCallException.class)
                            .hasMessageContaining("timed out after PT0.3S");
                    assertThat(RetryableErrors.isRetryable(e)).isTrue();
                })
                .verify(BOUND);

        await().atMost(BOUND).until(() -> server.neverClosed.getCount() == 0);
    }

    @Test
    void cancellationClosesTheConnection() {
        StepVerifier.create(run(Map.of("url", server.url("/never"))))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(100))
                .thenCancel()
                .verify(BOUND);

        await().atMost(BOUND).until(() -> server.neverClosed.getCount() == 0);
    }

    @Test
    void connectionFailuresAreRetryable() {
        String unreachable;
        try (WebhookServer gone = new WebhookServer()) {
            unreachable = gone.url("/hello");
        }

        StepVerifier.create(run(Map.of("url", unreachable)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(WebClientRequestException.class);
                    assertThat(RetryableErrors.isRetryable(e)).isTrue();
                })
                .verify(BOUND);
    }

    @Test
    void signalsBadParamsInsteadOfThrowing() {
        Mono<Object> call = run(Map.of("url", "ftp://example.com"));

        StepVerifier.create(call)
                .expectErrorSatisfies(e -> assertThat(RetryableErrors.isRetryable(e)).isFalse())
                .verify(BOUND);
    }

    private Mono<Object> run(Map<String, Object> params) {
        return http.handle(context("http", params));
    }
}
