package dev.taskflux.service.handler;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Built-in {@code http}: calls a webhook without blocking and succeeds with
 * {@code {"status": 200, "headers": {...}, "body": "...", "truncated": false}}. Params are described
 * by {@link HttpCall}. An unexpected status fails the attempt: for good on a 4xx other than 408 and
 * 429, retryably otherwise. Timeouts and connection failures are retryable. On timeout or
 * cancellation the request is cancelled, which closes its connection.
 */
@Component
class HttpTaskHandler implements TaskHandler {

    static final String NAME = "http";
    private static final int SNIPPET_CHARS = 200;
    private static final MediaType PLAIN_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final WebClient webClient;
    private final Scheduler timer;

    @Autowired
    HttpTaskHandler(WebClient.Builder webClient) {
        this(webClient, Schedulers.parallel());
    }

    /** An http handler whose timeouts run on {@code timer}. */
    HttpTaskHandler(WebClient.Builder webClient, Scheduler timer) {
        this.webClient = webClient.build();
        this.timer = timer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Map<String, Object> params) {
        HttpCall.parse(params);
    }

    @Override
    public Mono<Object> handle(HandlerContext context) {
        return Mono.defer(() -> call(HttpCall.parse(context.params())));
    }

    private Mono<Object> call(HttpCall call) {
        WebClient.RequestBodySpec request = webClient.method(call.method())
                .uri(call.url())
                .headers(headers -> call.headers().forEach(headers::set));
        WebClient.RequestHeadersSpec<?> ready = request;
        if (call.body() != null) {
            if (!hasContentType(call)) {
                request.contentType(call.json() ? MediaType.APPLICATION_JSON : PLAIN_TEXT);
            }
            ready = request.bodyValue(call.body());
        }
        return ready.exchangeToMono(response -> BoundedBody.read(response.bodyToFlux(DataBuffer.class),
                        call.maxResponseBytes())
                        .flatMap(body -> outcome(call, response, body)))
                .timeout(call.timeout(), timer)
                .onErrorMap(TimeoutException.class, timeout ->
                        new HttpCallException(call.describe() + " timed out after " + call.timeout(), timeout));
    }

    private static Mono<Object> outcome(HttpCall call, ClientResponse response, BoundedBody body) {
        int status = response.statusCode().value();
        String text = body.text(charset(response));
        if (!call.expects(status)) {
            return Mono.error(unexpected(call, status, text));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("headers", headers(response.headers().asHttpHeaders()));
        result.put("body", text);
        result.put("truncated", body.truncated());
        return Mono.just(result);
    }

    private static RuntimeException unexpected(HttpCall call, int status, String body) {
        String expected = call.expectedStatus().isEmpty() ? "2xx" : call.expectedStatus().toString();
        String snippet = body.length() > SNIPPET_CHARS ? body.substring(0, SNIPPET_CHARS) + "..." : body;
        String message = call.describe() + " answered unexpected HTTP status " + status + " (expected "
                + expected + ")" + (snippet.isBlank() ? "" : ": " + snippet);
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
        return permanent ? new NonRetryableException(message) : new HttpCallException(message);
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> flat = new TreeMap<>();
        headers.forEach((name, values) -> flat.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values),
                (first, second) -> first + ", " + second));
        return flat;
    }

    private static Charset charset(ClientResponse response) {
        try {
            return response.headers().contentType()
                    .map(MediaType::getCharset)
                    .orElse(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    private static boolean hasContentType(HttpCall call) {
        return call.headers().keySet().stream().anyMatch(HttpHeaders.CONTENT_TYPE::equalsIgnoreCase);
    }
}
