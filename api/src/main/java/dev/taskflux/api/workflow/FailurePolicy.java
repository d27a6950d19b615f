package dev.taskflux.api.workflow;

/** What a workflow run does when one of its steps fails for good (after its retries). */
public enum FailurePolicy {
    /** Cancel the steps still running, skip the rest, compensate and fail the run. */
    FAIL_FAST,
    /** Skip only the failed step's dependents; let independent branches finish, then fail the run. */
    CONTINUE
}
