package dev.taskflux.service.execution;

import dev.taskflux.service.config.RetentionJob;
import dev.taskflux.service.config.TaskfluxProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs {@link InstanceRetention} every retention interval. */
@Component
class RetentionSchedule extends RetentionJob {

    private final InstanceRetention retention;

    RetentionSchedule(InstanceRetention retention, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        super("finished instances", properties.retention().interval(), taskfluxScheduler);
        this.retention = retention;
    }

    @Override
    protected Mono<Long> runOnce() {
        return retention.purge();
    }
}
