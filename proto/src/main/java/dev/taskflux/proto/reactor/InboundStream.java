package dev.taskflux.proto.reactor;

import io.grpc.stub.StreamObserver;
import java.util.function.IntConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The messages a call receives, as a {@code Flux}: messages are requested from the transport only
 * as the subscriber asks for them (automatic requests must be disabled on the call).
 */
final class InboundStream<T> implements StreamObserver<T> {

    private final Flux<T> flux;
    private volatile FluxSink<T> sink;

    InboundStream(IntConsumer request, Runnable cancel) {
        this.flux = Flux.create(s -> {
            sink = s;
            s.onRequest(n -> request.accept((int) Math.min(n, Integer.MAX_VALUE)));
            s.onCancel(cancel::run);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** The messages; subscribe once. */
    Flux<T> flux() {
        return flux;
    }

    @Override
    public void onNext(T value) {
        FluxSink<T> s = sink;
        if (s != null) {
            s.next(value);
        }
    }

    @Override
    public void onError(Throwable error) {
        FluxSink<T> s = sink;
        if (s != null) {
            s.error(error);
        }
    }

    @Override
    public void onCompleted() {
        FluxSink<T> s = sink;
        if (s != null) {
            s.complete();
        }
    }
}
