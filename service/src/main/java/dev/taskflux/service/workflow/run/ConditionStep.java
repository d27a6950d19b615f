package dev.taskflux.service.workflow.run;

import reactor.core.publisher.Mono;

/** A CONDITION step: its CEL expression over inputs and finished steps; the boolean is its output. */
final class ConditionStep implements StepRunner {

    @Override
    public Mono<Object> run(StepCall call) {
        return Mono.fromCallable(() -> call.support().expressions().evaluateCondition(call.step().expression(),
                call.run().inputs(), call.finishedSteps(), null));
    }
}
