package dev.taskflux.client;

import dev.taskflux.proto.reactor.ReactorClientCalls;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Unary calls on one stub the way the client makes them all: lazily, with the configured deadline,
 * retried while the service answers UNAVAILABLE, and with errors mapped to the api error types.
 */
final class UnaryCalls<S extends AbstractStub<S>> {

    private final S stub;
    private final Duration deadline;
    private final Retry retry;

    UnaryCalls(S stub, Duration deadline, Retry retry) {
        this.stub = stub;
        this.deadline = deadline;
        this.retry = retry;
    }

    /** Sends {@code request} through {@code method} when subscribed; {@code kind} and {@code id} name a missing resource. */
    <Q, R> Mono<R> call(Q request, Method<S, Q, R> method, String kind, Object id) {
        return Mono.defer(() -> {
                    S timed = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
                    return ReactorClientCalls.<Q, R>unary(request, (q, answer) -> method.call(timed, q, answer));
                })
                .retryWhen(retry)
                .onErrorMap(error -> ClientErrors.map(error, kind, id));
    }

    /** A unary method of an async stub, such as {@code TaskServiceStub::getTask}. */
    @FunctionalInterface
    interface Method<S, Q, R> {
        void call(S stub, Q request, StreamObserver<R> answer);
    }
}
