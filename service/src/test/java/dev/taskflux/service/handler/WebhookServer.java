package dev.taskflux.service.handler;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server on a free local port for the {@code http} handler to call. It records the last
 * request to {@code /capture} and notices when a client gives up on {@code /never} or
 * {@code /endless}.
 */
final class WebhookServer implements AutoCloseable {

    /** A request as the server saw it; header names lower-cased. */
    record Received(String method, String uri, Map<String, String> headers, String body) {
    }

    static final int BIG_BODY_BYTES = 256 * 1024;

    final AtomicReference<Received> received = new AtomicReference<>();
    final CountDownLatch neverClosed = new CountDownLatch(1);
    final CountDownLatch endlessClosed = new CountDownLatch(1);
    private final DisposableServer server;

    WebhookServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/hello", (request, response) -> response.status(200)
                                .header("Content-Type", "text/plain;charset=UTF-8")
                                .header("X-Reply", "yes")
                                .sendString(Mono.just("hello")))
                        .get("/status/{code}", (request, response) -> response
                                .status(Integer.parseInt(request.param("code")))
                                .sendString(Mono.just("status body")))
                        .get("/big", (request, response) -> response.sendString(Mono.just("a".repeat(BIG_BODY_BYTES))))
                        .get("/endless", (request, response) -> endless(request, response))
                        .get("/never", (request, response) -> {
                            request.withConnection(connection -> connection.onDispose(neverClosed::countDown));
                            return Mono.never();
                        })
                        .route(request -> request.uri().startsWith("/capture"), this::capture))
                .bindNow();
    }

    /** The absolute URL of {@code path} on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private Mono<Void> capture(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    Map<String, String> headers = new TreeMap<>();
                    request.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                    received.set(new Received(request.method().name(), request.uri(), headers, body));
                    return response.status(201).header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"received\":true}")).then();
                });
    }

    private Mono<Void> endless(HttpServerRequest request, HttpServerResponse response) {
        request.withConnection(connection -> connection.onDispose(endlessClosed::countDown));
        String chunk = "x".repeat(1024);
        return response.sendString(Flux.<String>generate(sink -> sink.next(chunk))).then();
    }
}
