package dev.taskflux.service.event;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Something made from an event, such as its encoded message, made once however many streams send
 * it: the hub hands each event to every subscriber at about the same time, so the recent results
 * are kept in a small table indexed by sequence. Safe for concurrent use; two streams racing on a
 * new event may both make it.
 *
 * @param <T> what is made; immutable
 */
public final class PerEvent<T> {

    private static final int SLOTS = 4096;

    private final AtomicReferenceArray<Made<T>> recent = new AtomicReferenceArray<>(SLOTS);
    private final Function<SequencedEvent, T> make;

    /** Makes with {@code make}, which must return the same value for the same event. */
    public PerEvent(Function<SequencedEvent, T> make) {
        this.make = make;
    }

    /** What {@code event} makes, from the table when it was made recently. */
    public T of(SequencedEvent event) {
        int slot = (int) (event.seq() & (SLOTS - 1));
        Made<T> cached = recent.get(slot);
        if (cached != null && cached.seq() == event.seq()) {
            return cached.value();
        }
        T value = make.apply(event);
        recent.set(slot, new Made<>(event.seq(), value));
        return value;
    }

    private record Made<T>(long seq, T value) {
    }
}
