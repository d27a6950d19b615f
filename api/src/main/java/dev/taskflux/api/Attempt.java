package dev.taskflux.api;

import java.time.Instant;

/**
 * One attempt of an instance.
 *
 * @param number     1 for the first attempt
 * @param startedAt  when it started
 * @param finishedAt when it ended, {@code null} while it runs
 * @param outcome    COMPLETED, FAILED, TIMED_OUT or CANCELLED once ended; RUNNING while it runs
 * @param error      why it failed
 */
public record Attempt(int number, Instant startedAt, Instant finishedAt, InstanceStatus outcome, String error) {

    /** This attempt, ended now with {@code outcome}. */
    public Attempt end(Instant at, InstanceStatus outcome, String error) {
        return new Attempt(number, startedAt, at, outcome, error);
    }
}
