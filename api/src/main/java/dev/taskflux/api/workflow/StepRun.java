package dev.taskflux.api.workflow;

import dev.taskflux.api.Attempt;
import java.time.Instant;
import java.util.List;

/**
 * The state of one step in one workflow run.
 *
 * @param stepId       the step's id in the definition
 * @param type         the step's type
 * @param status       current state
 * @param attempts     every attempt so far, oldest first
 * @param output       the JSON-compatible output once completed (a MAP's per-item successes and failures,
 *                     a SIGNAL's payload, a PIPELINE's items with their traces)
 * @param error        why it failed, when it did
 * @param progress     MAP and PIPELINE: items done so far and in all; {@code null} for other steps
 * @param startedAt    when the first attempt (or wait) started
 * @param finishedAt   when it reached a final state
 * @param waitUntil    WAIT and SIGNAL: the durable deadline
 * @param compensation the outcome of its compensating handler, when one ran
 */
public record StepRun(
        String stepId,
        StepType type,
        StepStatus status,
        List<Attempt> attempts,
        Object output,
        String error,
        Progress progress,
        Instant startedAt,
        Instant finishedAt,
        Instant waitUntil,
        Compensation compensation) {

    public StepRun {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** Items handled so far out of all the items of a MAP or PIPELINE step. */
    public record Progress(long done, long total) {
    }

    /**
     * The outcome of a compensating handler.
     *
     * @param handler    the handler that ran
     * @param succeeded  whether it succeeded
     * @param error      why it failed
     * @param finishedAt when it ended
     */
    public record Compensation(String handler, boolean succeeded, String error, Instant finishedAt) {
    }
}
