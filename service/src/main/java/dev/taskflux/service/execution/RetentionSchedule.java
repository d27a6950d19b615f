package dev.taskflux.service.execution;

import dev.taskflux.service.cluster.BackgroundLoop;
import dev.taskflux.service.cluster.HistoryPurge;
import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** Runs every {@link HistoryPurge}, such as {@link InstanceRetention}, every retention interval. */
@Component
class RetentionSchedule extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final List<HistoryPurge> purges;
    private final Scheduler scheduler;
    private final Duration interval;

    RetentionSchedule(List<HistoryPurge> purges, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        this.purges = purges;
        this.scheduler = taskfluxScheduler;
        this.interval = properties.retention().interval();
    }

    @Override
    protected Disposable startLoop() {
        return every(interval, scheduler, () -> Flux.fromIterable(purges).concatMap(purge -> purge.purge()
                .doOnNext(n -> log.info("Retention removed {} {}", n, purge.removes()))).then(), "Retention");
    }
}
