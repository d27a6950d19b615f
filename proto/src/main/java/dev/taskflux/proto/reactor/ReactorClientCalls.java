package dev.taskflux.proto.reactor;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.BiConsumer;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes gRPC calls as Reactor publishers. Nothing is sent until subscription; disposing the
 * subscription cancels the call.
 */
public final class ReactorClientCalls {

    private ReactorClientCalls() {
    }

    /**
     * A unary call of an async stub method, such as {@code stub::getTask}: emits the answer or fails
     * with the call's {@link io.grpc.StatusRuntimeException}.
     */
    public static <Q, R> Mono<R> unary(Q request, BiConsumer<Q, StreamObserver<R>> method) {
        return Mono.create(sink -> method.accept(request, new ClientResponseObserver<Q, R>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> call) {
                sink.onCancel(() -> call.cancel("cancelled by the caller", null));
            }

            @Override
            public void onNext(R value) {
                sink.success(value);
            }

            @Override
            public void onError(Throwable error) {
                sink.error(error);
            }

            @Override
            public void onCompleted() {
                sink.success();
            }
        }));
    }

    /**
     * A bidirectional call of an async stub method, such as {@code stub::connect}: sends
     * {@code requests} as the transport is ready and emits the answers as they are requested.
     */
    public static <Q, R> Flux<R> bidi(Flux<Q> requests, Function<StreamObserver<R>, StreamObserver<Q>> method) {
        return Flux.defer(() -> {
            Bidi<Q, R> bidi = new Bidi<>();
            method.apply(bidi);
            // Only a started call can say whether it is ready, so the requests are subscribed now.
            requests.subscribe(bidi.writer);
            return bidi.inbound.flux();
        });
    }

    private static final class Bidi<Q, R> implements ClientResponseObserver<Q, R> {
        private OutboundWriter<Q> writer;
        private InboundStream<R> inbound;

        @Override
        public void beforeStart(ClientCallStreamObserver<Q> call) {
            call.disableAutoRequestWithInitial(0);
            OutboundWriter<Q> outbound = new OutboundWriter<>(call, error -> error);
            writer = outbound;
            inbound = new InboundStream<>(call::request, () -> {
                outbound.dispose();
                call.cancel("cancelled by the caller", null);
            });
        }

        @Override
        public void onNext(R value) {
            inbound.onNext(value);
        }

        @Override
        public void onError(Throwable error) {
            inbound.onError(error);
        }

        @Override
        public void onCompleted() {
            inbound.onCompleted();
        }
    }
}
