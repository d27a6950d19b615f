package dev.taskflux.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * {@code attempts} with the last one ended at {@code at} with {@code outcome}, if it was still
     * running; otherwise {@code attempts} unchanged.
     */
    public static List<Attempt> endLast(List<Attempt> attempts, Instant at, InstanceStatus outcome, String error) {
        int last = attempts.size() - 1;
        if (last < 0 || attempts.get(last).finishedAt() != null) {
            return attempts;
        }
        List<Attempt> ended = new ArrayList<>(attempts);
        ended.set(last, attempts.get(last).end(at, outcome, error));
        return ended;
    }

    /** This attempt, ended now with {@code outcome}. */
    public Attempt end(Instant at, InstanceStatus outcome, String error) {
        return new Attempt(number, startedAt, at, outcome, error);
    }
}
