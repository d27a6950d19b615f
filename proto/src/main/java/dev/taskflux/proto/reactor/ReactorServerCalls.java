package dev.taskflux.proto.reactor;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves gRPC calls from Reactor publishers. A cancelled call, including one whose deadline expired,
 * disposes the subscription, which cancels the work behind it.
 */
public final class ReactorServerCalls {

    private ReactorServerCalls() {
    }

    /**
     * Answers a unary call with the value of {@code answer}; an error is turned into a status by
     * {@code errors}, and an empty answer is an INTERNAL error.
     */
    public static <T> void unary(Mono<T> answer, StreamObserver<T> observer, Function<Throwable, Throwable> errors) {
        Disposable.Swap subscription = Disposables.swap();
        if (observer instanceof ServerCallStreamObserver<T> call) {
            call.setOnCancelHandler(subscription::dispose);
        }
        subscription.update(answer
                .switchIfEmpty(Mono.error(() -> Status.INTERNAL.withDescription("no answer").asRuntimeException()))
                .subscribe(value -> {
                    observer.onNext(value);
                    observer.onCompleted();
                }, error -> observer.onError(errors.apply(error))));
    }

    /**
     * Serves a server-streaming call with the messages of {@code messages}, each requested only when
     * the transport is ready for it, so a client that does not read holds the publisher back; an
     * error is turned into a status by {@code errors}. Call it before the service method returns.
     */
    public static <T> void serverStream(Flux<T> messages, StreamObserver<T> observer,
                                        Function<Throwable, Throwable> errors) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
        OutboundWriter<T> writer = new OutboundWriter<>(call, errors);
        call.setOnCancelHandler(writer::dispose);
        messages.subscribe(writer);
    }

    /**
     * Serves a bidirectional stream: {@code handler} turns the received messages into the messages to
     * send. Both directions keep flow control; an error of the sent stream is turned into a status
     * by {@code errors}.
     *
     * @return the observer gRPC delivers received messages to
     */
    public static <Q, R> StreamObserver<Q> bidi(StreamObserver<R> responses, Function<Flux<Q>, Flux<R>> handler,
                                               Function<Throwable, Throwable> errors) {
        ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) responses;
        call.disableAutoRequest();
        OutboundWriter<R> writer = new OutboundWriter<>(call, errors);
        InboundStream<Q> inbound = new InboundStream<>(call::request, () -> { });
        call.setOnCancelHandler(writer::dispose);
        Flux.defer(() -> handler.apply(inbound.flux())).subscribe(writer);
        return inbound;
    }
}
