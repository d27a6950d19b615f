package dev.taskflux.service.workflow.schedule;

import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.cluster.BackgroundLoop;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.workflow.run.WorkflowRuns;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Cancels the workflow run a task instance started when the instance is cancelled or times out.
 * Acts on the lifecycle events of the node that cancelled the instance, whichever node runs the
 * workflow; a node that merely stops (its instances recovered elsewhere) leaves the runs going.
 */
@Component
class WorkflowTaskCancellation extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(WorkflowTaskCancellation.class);
    private static final Duration RESUBSCRIBE = Duration.ofMillis(200);
    private static final Set<EventType> ENDING = EnumSet.of(EventType.INSTANCE_CANCELLED, EventType.INSTANCE_TIMED_OUT);

    private final LifecycleEvents events;
    private final ObjectProvider<WorkflowRuns> runs;
    private final Scheduler scheduler;

    WorkflowTaskCancellation(LifecycleEvents events, ObjectProvider<WorkflowRuns> runs, Scheduler taskfluxScheduler) {
        this.events = events;
        this.runs = runs;
        this.scheduler = taskfluxScheduler;
    }

    @Override
    protected Disposable startLoop() {
        return resubscribing(events::stream, RESUBSCRIBE, scheduler)
                .filter(e -> ENDING.contains(e.type()) && e.instanceId() != null)
                .flatMap(e -> cancelRunsOf(e.instanceId()), 16)
                .subscribe();
    }

    /** Cancels the unfinished runs started by {@code instanceId}; completes when they are cancelled. */
    Mono<Void> cancelRunsOf(UUID instanceId) {
        WorkflowRuns engine = runs.getObject();
        return engine.list(WorkflowRuns.RunQuery.startedBy(instanceId))
                .filter(run -> !run.status().isFinal())
                .map(WorkflowRun::id)
                .concatMap(id -> engine.cancel(id).onErrorResume(ConflictException.class, e -> Mono.empty()))
                .doOnNext(run -> log.info("Cancelled workflow run {} with its task instance {}", run.id(), instanceId))
                .onErrorResume(e -> {
                    log.warn("Cancelling the workflow runs of task instance {} failed", instanceId, e);
                    return Mono.empty();
                })
                .then();
    }
}
