package dev.taskflux.service.cluster;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A loop this node runs in the background while the application runs: started with the context,
 * disposed when it stops. Subclasses say how to start it.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private Disposable loop;

    /**
     * Runs {@code work} every {@code interval} on {@code scheduler}, one round at a time; a round
     * that fails is logged as {@code what} and the loop goes on.
     */
    protected static Disposable every(Duration interval, Scheduler scheduler, Supplier<Mono<?>> work, String what) {
        return Flux.interval(interval, interval, scheduler).onBackpressureDrop()
                .concatMap(tick -> work.get().onErrorResume(e -> {
                    log.error("{} failed; retrying next interval", what, e);
                    return Mono.empty();
                }), 1)
                .subscribe();
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
