package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.service.event.LifecycleEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One state change of a run to write: either a step's whole new state or the run's new header,
 * with the event to publish once it is written ({@code null} for none, as for progress).
 *
 * @param runId  the run
 * @param step   the step's new state, or {@code null} for a header change
 * @param header the run's new header, or {@code null} for a step change
 * @param event  what to publish after the write
 */
record RunChange(UUID runId, StepRun step, Header header, LifecycleEvent event) {

    /** The mutable part of a run row. */
    record Header(RunStatus status, String error, Instant startedAt, Instant finishedAt, Instant deadline) {
    }

    /** What a later change to the same row replaces: the step, or the header. */
    Object key() {
        return step != null ? new StepKey(runId, step.stepId()) : runId;
    }

    private record StepKey(UUID runId, String stepId) {
    }
}
