package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.WorkflowRun;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/** A run executing on this node and the subscription that executes it. */
final class LocalRun {

    private static final Logger log = LoggerFactory.getLogger(LocalRun.class);

    private final RunState state;
    private final RunExecution execution;
    private final Sinks.One<WorkflowRun> ended = Sinks.one();
    private Disposable subscription;

    LocalRun(RunState state, RunExecution execution) {
        this.state = state;
        this.execution = execution;
    }

    RunState state() {
        return state;
    }

    RunExecution execution() {
        return execution;
    }

    Sinks.One<WorkflowRun> ended() {
        return ended;
    }

    /** Executes the run on {@code scheduler}, never on the caller's thread (an event loop, for REST). */
    synchronized void start(Scheduler scheduler, Consumer<WorkflowRun> onEnd, Runnable onError) {
        subscription = execution.run().subscribeOn(scheduler).subscribe(onEnd, error -> {
            log.error("Workflow run {} stopped unexpectedly; it resumes when its lease expires", state.id(), error);
            onError.run();
        });
    }

    synchronized void dispose() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}
