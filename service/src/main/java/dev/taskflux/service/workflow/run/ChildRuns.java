package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.WorkflowRun;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Starts the child run of a SUB_WORKFLOW step and follows it to its end. */
interface ChildRuns {

    /**
     * Runs the latest version of the definition {@code reference} (within the parent's owner) as a
     * child of {@code parent}, or re-attaches to the child an earlier node started for the same
     * step; emits the child once it has ended. Cancelling the returned {@code Mono} cancels the child.
     */
    Mono<WorkflowRun> run(RunState parent, String stepId, String reference, Map<String, Object> inputs);
}
