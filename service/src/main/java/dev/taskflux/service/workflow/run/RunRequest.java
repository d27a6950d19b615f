package dev.taskflux.service.workflow.run;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to steer a run that another node executes, stored for that node to apply.
 *
 * @param id        identity
 * @param runId     the run
 * @param kind      what to do
 * @param stepId    SIGNAL: the step to signal
 * @param payload   SIGNAL: the payload
 * @param createdAt when it was made
 */
record RunRequest(UUID id, UUID runId, Kind kind, String stepId, Object payload, Instant createdAt) {

    /** What a request asks for. */
    enum Kind { CANCEL, PAUSE, RESUME, SIGNAL }

    /** Applies this request to a run executing here; whether the run accepted it. */
    boolean applyTo(RunExecution execution) {
        return switch (kind) {
            case CANCEL -> execution.cancel();
            case PAUSE -> execution.pause();
            case RESUME -> execution.resume();
            case SIGNAL -> execution.signal(stepId, payload);
        };
    }
}
