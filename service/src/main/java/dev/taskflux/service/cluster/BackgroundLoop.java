package dev.taskflux.service.cluster;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * A loop this node runs in the background while the application runs: started with the context,
 * disposed when it stops. Subclasses say how to start it.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private Disposable loop;

    /**
     * {@code source}, subscribed again {@code delay} after it fails: a stream of another component
     * (such as the event stream) that may start after this loop, or restart.
     */
    protected static <T> Flux<T> resubscribing(Supplier<Flux<T>> source, Duration delay, Scheduler scheduler) {
        return Flux.defer(source).retryWhen(Retry.fixedDelay(Long.MAX_VALUE, delay).scheduler(scheduler));
    }

    /** Subscribes the loop; {@code null} when it should not run on this node. */
    protected abstract Disposable startLoop();

    @Override
    public final synchronized void start() {
        loop = startLoop();
    }

    @Override
    public final synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return loop != null;
    }
}
