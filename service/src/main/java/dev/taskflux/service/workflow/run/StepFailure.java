package dev.taskflux.service.workflow.run;

/** Ends a step as FAILED with a message that says why; no stack trace, it is an outcome, not a bug. */
final class StepFailure extends RuntimeException {

    private final transient Object output;

    StepFailure(String message) {
        this(message, null);
    }

    /** A failure that still has an output to keep, such as a MAP's per-item outcomes. */
    StepFailure(String message, Object output) {
        super(message, null, false, false);
        this.output = output;
    }

    /** What the failed step produced anyway, or {@code null}. */
    Object output() {
        return output;
    }

    /** The message to store for a step that failed with {@code error}. */
    static String reason(Throwable error) {
        return error instanceof StepFailure ? error.getMessage() : HandlerAttempts.describe(error, null, 0);
    }
}
