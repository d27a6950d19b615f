package dev.taskflux.api.workflow;

/** The state of one step in a workflow run. */
public enum StepStatus {
    /** Its dependencies have not finished. */
    PENDING,
    /** An attempt is running. */
    RUNNING,
    /** A WAIT or SIGNAL step is waiting for its deadline or signal. */
    WAITING,
    /** An attempt failed and the next one waits for its backoff delay. */
    RETRYING,
    /** Finished with an output. */
    COMPLETED,
    /** Failed for good. */
    FAILED,
    /** Not taken: a condition chose another branch, or everything it depends on was skipped. */
    SKIPPED,
    /** Stopped because the run was cancelled or failed fast. */
    CANCELLED,
    /** Completed, then undone by its compensating handler. */
    COMPENSATED;

    /** Whether the step will not run again (compensation aside). */
    public boolean isFinal() {
        return switch (this) {
            case PENDING, RUNNING, WAITING, RETRYING -> false;
            default -> true;
        };
    }
}
