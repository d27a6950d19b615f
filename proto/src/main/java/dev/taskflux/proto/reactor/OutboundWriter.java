package dev.taskflux.proto.reactor;

import io.grpc.stub.CallStreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * Writes a publisher's messages to a call, asking the publisher for the next one only while the
 * transport is ready, so a slow peer slows the publisher instead of filling memory.
 */
final class OutboundWriter<T> extends BaseSubscriber<T> {

    private final CallStreamObserver<T> call;
    private final Function<Throwable, Throwable> errors;
    /** Set when the transport was not ready after a message, so the next one waits for onReady. */
    private final AtomicBoolean waitingForReady = new AtomicBoolean();

    /** Must be created before the call starts (onReady handlers cannot be set later). */
    OutboundWriter(CallStreamObserver<T> call, Function<Throwable, Throwable> errors) {
        this.call = call;
        this.errors = errors;
        call.setOnReadyHandler(this::onReady);
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        requestWhenReady();
    }

    @Override
    protected void hookOnNext(T value) {
        call.onNext(value);
        requestWhenReady();
    }

    @Override
    protected void hookOnComplete() {
        call.onCompleted();
    }

    @Override
    protected void hookOnError(Throwable error) {
        call.onError(errors.apply(error));
    }

    private void requestWhenReady() {
        if (call.isReady()) {
            request(1);
            return;
        }
        waitingForReady.set(true);
        // onReady may have fired between isReady() and the flag: look again so no wake-up is lost.
        if (call.isReady()) {
            onReady();
        }
    }

    private void onReady() {
        if (!isDisposed() && waitingForReady.compareAndSet(true, false)) {
            request(1);
        }
    }
}
