package dev.taskflux.service.workflow.run;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.service.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What becomes of the steps of a run that stopped before they finished, and why a run failed. */
final class UnfinishedSteps {

    private UnfinishedSteps() {
    }

    /**
     * Ends every unfinished step: one that had started is CANCELLED, its running attempt ended; one
     * that had not is CANCELLED when the run was cancelled and SKIPPED otherwise.
     */
    static void stop(RunState state, EngineSupport support, Map<String, StepSpec> byId, List<String> order,
            boolean cancelled, String reason) {
        Instant now = support.clock().instant();
        for (String id : order) {
            StepRun step = state.step(id);
            if (step.status().isFinal()) {
                continue;
            }
            boolean started = step.status() != StepStatus.PENDING;
            StepStatus status = started || cancelled ? StepStatus.CANCELLED : StepStatus.SKIPPED;
            new StepCall(state, byId.get(id), support).record(e -> e.status(status).finished(now)
                            .attempts(Attempt.endLast(step.attempts(), now, InstanceStatus.CANCELLED, reason))
                            .error(reason),
                    status == StepStatus.CANCELLED ? EventType.WORKFLOW_STEP_CANCELLED : EventType.WORKFLOW_STEP_SKIPPED,
                    Map.of("reason", reason));
        }
    }

    /** Why the first failed step, in the order the steps run, failed; {@code null} when none did. */
    static String firstFailure(RunState state, List<String> order) {
        for (String id : order) {
            StepRun step = state.step(id);
            if (step.status() == StepStatus.FAILED) {
                return "step '" + id + "' failed: " + step.error();
            }
        }
        return null;
    }
}
