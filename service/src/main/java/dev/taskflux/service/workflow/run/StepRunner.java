package dev.taskflux.service.workflow.run;

import reactor.core.publisher.Mono;

/**
 * Does the work of one type of step. The returned {@code Mono} is lazy, emits the step's output
 * (empty for none) or fails it (a {@link StepFailure} says why in its message), and stops its work
 * when cancelled, recording nothing then: whoever cancels records the outcome.
 */
interface StepRunner {

    /** Runs {@code call}'s step, resuming from its recorded state if an earlier node started it. */
    Mono<Object> run(StepCall call);
}
