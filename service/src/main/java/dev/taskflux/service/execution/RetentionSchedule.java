package dev.taskflux.service.execution;

import dev.taskflux.service.cluster.BackgroundLoop;
import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs {@link InstanceRetention} every retention interval. */
@Component
class RetentionSchedule extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final InstanceRetention retention;
    private final Scheduler scheduler;
    private final Duration interval;

    RetentionSchedule(InstanceRetention retention, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        this.retention = retention;
        this.scheduler = taskfluxScheduler;
        this.interval = properties.retention().interval();
    }

    @Override
    protected Disposable startLoop() {
        return Flux.interval(interval, interval, scheduler).onBackpressureDrop()
                .concatMap(tick -> retention.purge()
                        .doOnNext(n -> log.info("Retention removed {} finished instances", n))
                        .onErrorResume(e -> {
                            log.error("Retention failed; retrying next interval", e);
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }
}
