package dev.taskflux.service.workflow.run;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.workflow.StepSpec;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A TASK step: its handler with templated params, per-attempt timeout and retries. An attempt a
 * stopped node left running counts as failed, and the step is retried if its policy allows.
 */
final class TaskStep implements StepRunner {

    static final String LOST = "the node running it stopped";

    @Override
    public Mono<Object> run(StepCall call) {
        StepSpec step = call.step();
        int made = endLostAttempt(call);
        if (made > step.retry().maxRetries()) {
            return Mono.error(new StepFailure("attempt " + made + " was lost when " + LOST + "; no retry left"));
        }
        return Mono.fromCallable(() -> call.params(step.params(), null))
                .flatMap(params -> call.call(step.handler(), params, call.callId("task"), made, call.attempts()))
                .doOnSuccess(result -> call.attemptSucceeded());
    }

    /** Ends an attempt left running by a stopped node as failed; how many attempts were made. */
    static int endLostAttempt(StepCall call) {
        List<Attempt> attempts = call.state().attempts();
        List<Attempt> ended = Attempt.endLast(attempts, call.now(), InstanceStatus.FAILED, LOST);
        if (ended != attempts) {
            call.record(e -> e.attempts(ended), null, java.util.Map.of());
        }
        return ended.size();
    }
}
