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
    private FluxSink<T> sink;
    // a call may end before anyone subscribed (an immediate error from the server); the end is kept for them
    private Throwable error;
    private boolean completed;

    InboundStream(IntConsumer request, Runnable cancel) {
        this.flux = Flux.create(s -> {
            synchronized (this) {
                sink = s;
                if (error != null) {
                    s.error(error);
                } else if (completed) {
                    s.complete();
                }
            }
            // messages are asked for only once they have somewhere to go
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
        FluxSink<T> s = current();
        if (s != null) {
            s.next(value);
        }
    }

    @Override
    public void onError(Throwable failure) {
        FluxSink<T> s;
        synchronized (this) {
            s = sink;
            if (s == null) {
                error = failure;
                return;
            }
        }
        s.error(failure);
    }

    @Override
    public void onCompleted() {
        FluxSink<T> s;
        synchronized (this) {
            s = sink;
            if (s == null) {
                completed = true;
                return;
            }
        }
        s.complete();
    }

    private synchronized FluxSink<T> current() {
        return sink;
    }
}
