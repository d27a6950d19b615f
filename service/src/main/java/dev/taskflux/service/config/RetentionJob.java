package dev.taskflux.service.config;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Removes old history every interval while the application runs. A run that fails is logged and
 * tried again at the next interval; runs never overlap.
 */
public abstract class RetentionJob implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration interval;
    private final Scheduler scheduler;
    private Disposable loop;

    /**
     * @param name      what the job removes, for the log ("finished instances")
     * @param interval  how often it runs
     * @param scheduler where its timer runs
     */
    protected RetentionJob(String name, Duration interval, Scheduler scheduler) {
        this.name = name;
        this.interval = interval;
        this.scheduler = scheduler;
    }

    /** Removes what is due now; emits how many items it removed. */
    protected abstract Mono<Long> runOnce();

    @Override
    public synchronized void start() {
        loop = Flux.interval(interval, interval, scheduler).onBackpressureDrop()
                .concatMap(tick -> runOnce()
                        .doOnNext(n -> log.info("Retention removed {} {}", n, name))
                        .onErrorResume(e -> {
                            log.error("Removing {} failed; retrying next interval", name, e);
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return loop != null;
    }
}
