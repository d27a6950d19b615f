package dev.taskflux.bench;

/**
 * Where the work is at one moment.
 *
 * @param unfired   ACTIVE definitions (not yet fired, or recurring)
 * @param pending   PENDING instances nobody has claimed
 * @param claimed   PENDING instances leased to a node but not started
 * @param running   RUNNING instances
 * @param completed COMPLETED instances
 * @param other     instances in any other state (retrying, failed, cancelled, ...)
 */
record StatusCounts(long unfired, long pending, long claimed, long running, long completed, long other) {

    /** One line for the progress log. */
    String line() {
        return String.format("unfired=%-7d pending=%-7d claimed=%-7d running=%-6d completed=%-7d other=%d",
                unfired, pending, claimed, running, completed, other);
    }
}
