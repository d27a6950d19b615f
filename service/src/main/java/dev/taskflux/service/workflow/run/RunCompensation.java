package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.HandlerCall;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.service.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Undoes the completed steps of a failed or cancelled run: their compensating handlers run one
 * after another in reverse dependency order, each under its step's timeout and retry policy. A step
 * whose compensation succeeded ends COMPENSATED; one whose compensation failed stays COMPLETED.
 * Either way the outcome is recorded on the step. Steps already compensated (before a restart) are
 * not compensated again.
 */
final class RunCompensation {

    private final RunState state;
    private final EngineSupport support;
    private final List<String> order;

    RunCompensation(RunState state, EngineSupport support, List<String> order) {
        this.state = state;
        this.support = support;
        this.order = order;
    }

    /** Compensates what needs it, calling {@code entering} first if anything does. */
    Mono<Void> run(Runnable entering) {
        return Mono.defer(() -> {
            List<StepSpec> undo = new ArrayList<>();
            for (StepSpec step : state.spec().steps()) {
                StepRun run = state.step(step.id());
                if (step.compensate() != null && run.status() == StepStatus.COMPLETED && run.compensation() == null) {
                    undo.add(step);
                }
            }
            if (undo.isEmpty()) {
                return Mono.empty();
            }
            undo.sort((a, b) -> Integer.compare(order.indexOf(a.id()), order.indexOf(b.id())));
            Collections.reverse(undo);
            entering.run();
            return Flux.fromIterable(undo).concatMap(this::undo).then();
        });
    }

    private Mono<Void> undo(StepSpec step) {
        StepCall call = new StepCall(state, step, support);
        HandlerCall handler = step.compensate();
        return Mono.defer(() -> call.call(handler.handler(), call.params(handler.params(), null),
                        call.callId("compensate"), 0, HandlerAttempts.SILENT))
                .then(Mono.fromRunnable(() -> record(call, handler, null)))
                .onErrorResume(error -> Mono.fromRunnable(() -> record(call, handler, StepFailure.reason(error))))
                .then();
    }

    private void record(StepCall call, HandlerCall handler, String error) {
        Instant now = support.clock().instant();
        boolean succeeded = error == null;
        StepRun.Compensation outcome = new StepRun.Compensation(handler.handler(), succeeded, error, now);
        call.record(e -> e.status(succeeded ? StepStatus.COMPENSATED : StepStatus.COMPLETED).compensation(outcome),
                EventType.WORKFLOW_STEP_COMPENSATED, error == null ? Map.of("succeeded", true)
                        : Map.of("succeeded", false, "error", error));
    }
}
