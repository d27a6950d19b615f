package dev.taskflux.service.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A subscriber that takes one value, then asks for nothing more until told; keeps what it got. */
public final class Stalled<T> extends BaseSubscriber<T> {

    /** The values received so far. */
    public final List<T> received = new CopyOnWriteArrayList<>();
    /** The error the stream ended with, if any. */
    public volatile Throwable error;

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(1);
    }

    @Override
    protected void hookOnNext(T value) {
        received.add(value);
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        error = throwable;
    }
}
