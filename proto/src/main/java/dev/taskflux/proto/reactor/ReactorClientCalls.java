package dev.taskflux.proto.reactor;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.BiConsumer;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
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
     * A server-streaming call of an async stub method, such as {@code stub::watchEvents}: emits the
     * answers as the subscriber requests them (the transport is asked for no more), then completes
     * or fails with the call's {@link io.grpc.StatusRuntimeException}.
     */
    public static <Q, R> Flux<R> serverStream(Q request, BiConsumer<Q, StreamObserver<R>> method) {
        return Flux.create(sink -> {
            Answers<Q, R> answers = new Answers<>(sink, false);
            method.accept(request, answers);
            answers.started();
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /**
     * A bidirectional call of an async stub method, such as {@code stub::connect}: sends
     * {@code requests} as the transport is ready and emits the answers as they are requested.
     */
    public static <Q, R> Flux<R> bidi(Flux<Q> requests, Function<StreamObserver<R>, StreamObserver<Q>> method) {
        return Flux.create(sink -> {
            Answers<Q, R> answers = new Answers<>(sink, true);
            method.apply(answers);
            // Only a started call can say whether it is ready, so the requests are subscribed now.
            requests.subscribe(answers.writer);
            answers.started();
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /**
     * Passes a streaming call's answers straight to a sink, so even a call that fails at once
     * reports it, and the sink's demand and cancellation to the call once it has started.
     */
    private static final class Answers<Q, R> implements ClientResponseObserver<Q, R> {
        private final FluxSink<R> sink;
        private final boolean sends;
        private ClientCallStreamObserver<Q> call;
        private OutboundWriter<Q> writer;

        Answers(FluxSink<R> sink, boolean sends) {
            this.sink = sink;
            this.sends = sends;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Q> call) {
            call.disableAutoRequestWithInitial(0);
            this.call = call;
            if (sends) {
                writer = new OutboundWriter<>(call, error -> error);
            }
        }

        /** Called once the stub returned, when the call has started and may be asked for messages. */
        void started() {
            sink.onRequest(n -> call.request((int) Math.min(n, Integer.MAX_VALUE)));
            sink.onCancel(() -> {
                if (writer != null) {
                    writer.dispose();
                }
                call.cancel("cancelled by the caller", null);
            });
        }

        @Override
        public void onNext(R value) {
            sink.next(value);
        }

        @Override
        public void onError(Throwable error) {
            sink.error(error);
        }

        @Override
        public void onCompleted() {
            sink.complete();
        }
    }
}
