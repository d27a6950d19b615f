package dev.taskflux.service.event;

/**
 * Ends a subscription whose consumer fell so far behind that its buffer filled. Nothing is lost: the
 * consumer resumes from the last sequence it received.
 */
public class SlowSubscriberException extends RuntimeException {

    private final long lastDelivered;

    /** @param lastDelivered the sequence of the last event queued for the subscriber before it overflowed */
    public SlowSubscriberException(long lastDelivered, int buffer) {
        super("the subscriber fell more than " + buffer + " events behind; resume after sequence " + lastDelivered);
        this.lastDelivered = lastDelivered;
    }

    /** The sequence to resume after. */
    public long lastDelivered() {
        return lastDelivered;
    }
}
