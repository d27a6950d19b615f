package dev.taskflux.api;

/** The state of one run of a task definition. */
public enum InstanceStatus {
    /** Waiting for its fire time, a concurrency slot or a worker. */
    PENDING,
    /** An attempt is running. */
    RUNNING,
    /** An attempt failed and the next one waits for its backoff delay. */
    RETRYING,
    /** The handler succeeded. */
    COMPLETED,
    /** The last attempt failed. */
    FAILED,
    /** The last attempt ran past the timeout and was stopped. */
    TIMED_OUT,
    /** Cancelled before it finished. */
    CANCELLED,
    /** Never ran: its fire came while the definition forbids overlapping runs. */
    SKIPPED;

    /** Whether the instance has finished and will not change again. */
    public boolean isFinal() {
        return switch (this) {
            case PENDING, RUNNING, RETRYING -> false;
            default -> true;
        };
    }
}
