package dev.taskflux.service.workflow.history;

import dev.taskflux.service.config.RetentionJob;
import dev.taskflux.service.config.TaskfluxProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs {@link RunRetention} every retention interval. */
@Component
class RunRetentionSchedule extends RetentionJob {

    private final RunRetention retention;

    RunRetentionSchedule(RunRetention retention, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        super("finished workflow runs", properties.retention().interval(), taskfluxScheduler);
        this.retention = retention;
    }

    @Override
    protected Mono<Long> runOnce() {
        return retention.purge();
    }
}
