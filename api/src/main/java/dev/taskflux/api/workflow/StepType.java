package dev.taskflux.api.workflow;

/** What a workflow step does; decides which of the type-specific {@link StepSpec} fields apply. */
public enum StepType {
    /** Runs a handler once with (templated) params. */
    TASK,
    /** Evaluates a CEL condition and lets either its {@code then} or its {@code else} dependents run. */
    CONDITION,
    /** Waits for a duration or until an instant. */
    WAIT,
    /** Waits for an external signal addressed to the step, up to its timeout. */
    SIGNAL,
    /** Runs a handler once per item of a list, with bounded concurrency. */
    MAP,
    /** Streams items through ordered stages, each with its own handler and concurrency. */
    PIPELINE,
    /** Runs another workflow definition as one step. */
    SUB_WORKFLOW
}
