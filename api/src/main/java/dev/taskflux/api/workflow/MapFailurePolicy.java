package dev.taskflux.api.workflow;

/** What a {@link StepType#MAP} step does when the handler fails for one of its items. */
public enum MapFailurePolicy {
    /** Stop starting items, cancel those running and fail the step. */
    FAIL_FAST,
    /** Run every item, then fail the step if any item failed. */
    AT_END,
    /** Run every item and complete the step, reporting each item's outcome in its output. */
    NEVER
}
