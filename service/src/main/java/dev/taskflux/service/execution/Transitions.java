package dev.taskflux.service.execution;

/** Where running instances report their state changes; the journal writes them in batches. */
public interface Transitions {

    /** Records {@code transition}; it becomes durable, and its event visible, shortly after. */
    void record(Transition transition);
}
