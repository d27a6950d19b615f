package dev.taskflux.service.event;

import dev.taskflux.service.config.RetentionJob;
import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Removes events older than {@code taskflux.events.retention} every retention interval. A subscriber
 * resuming from a removed sequence continues with the oldest event still kept.
 */
@Component
public class EventRetention extends RetentionJob {

    private final EventLog events;
    private final Clock clock;
    private final Duration age;

    EventRetention(EventLog events, Clock clock, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        super("events", properties.retention().interval(), taskfluxScheduler);
        this.events = events;
        this.clock = clock;
        this.age = properties.events().retention();
    }

    /** Removes the events older than the retention age now; emits how many. */
    public Mono<Long> purge() {
        return Mono.defer(() -> events.deleteBefore(clock.instant().minus(age)));
    }

    @Override
    protected Mono<Long> runOnce() {
        return purge();
    }
}
