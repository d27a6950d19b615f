package dev.taskflux.service.event;

import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Removes events older than {@code taskflux.events.retention} every retention interval. A subscriber
 * resuming from a removed sequence continues with the oldest event still kept.
 */
@Component
public class EventRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

    private final EventLog events;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration age;
    private final Duration interval;
    private Disposable loop;

    EventRetention(EventLog events, Clock clock, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        this.events = events;
        this.clock = clock;
        this.scheduler = taskfluxScheduler;
        this.age = properties.events().retention();
        this.interval = properties.retention().interval();
    }

    /** Removes the events older than the retention age now; emits how many. */
    public Mono<Long> purge() {
        return Mono.defer(() -> events.deleteBefore(clock.instant().minus(age)));
    }

    @Override
    public synchronized void start() {
        loop = Flux.interval(interval, interval, scheduler).onBackpressureDrop()
                .concatMap(tick -> purge()
                        .doOnNext(n -> log.info("Retention removed {} events", n))
                        .onErrorResume(e -> {
                            log.error("Event retention failed; retrying next interval", e);
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
