package dev.taskflux.api.workflow;

/** The state of one workflow run. */
public enum RunStatus {
    /** Accepted, no step has started yet. */
    PENDING,
    /** Steps are running or waiting. */
    RUNNING,
    /** No new step starts; running steps finish. */
    PAUSED,
    /** Failed steps' predecessors are being compensated. */
    COMPENSATING,
    /** Every step completed or was skipped. */
    COMPLETED,
    /** A step failed for good (or the run timed out). */
    FAILED,
    /** Cancelled before it finished. */
    CANCELLED;

    /** Whether the run has finished and will not change again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
