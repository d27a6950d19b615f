package dev.taskflux.service.execution;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts of attempts, held back for a short while before they are written. A run that ends within
 * the hold, as most runs of a short handler or a remote worker do, then has its start and its outcome
 * written in one update instead of two. Times are nanoseconds of a monotonic clock. Not thread-safe:
 * the journal guards it.
 */
final class HeldStarts {

    private final long holdNanos;
    private final Map<UUID, Held> held = new LinkedHashMap<>();

    HeldStarts(long holdNanos) {
        this.holdNanos = holdNanos;
    }

    /**
     * Holds {@code start}, recorded at {@code now}, until {@code now} plus the hold. Holds end in the
     * order they began: the caller releases any start of the same instance first.
     */
    void hold(Transition start, long now) {
        held.put(start.id(), new Held(start, now + holdNanos));
    }

    /** Takes the start held for instance {@code id}, or null: something later happened to it. */
    Transition release(UUID id) {
        Held start = held.remove(id);
        return start == null ? null : start.start();
    }

    /** Takes the starts whose hold ended by {@code now}, oldest first. */
    List<Transition> releaseDue(long now) {
        List<Transition> due = new ArrayList<>();
        Iterator<Held> it = held.values().iterator();
        while (it.hasNext()) {
            Held next = it.next();
            if (next.until() - now > 0) {
                break;
            }
            due.add(next.start());
            it.remove();
        }
        return due;
    }

    /** When the oldest hold ends; only while {@link #isEmpty()} is false. */
    long nextRelease() {
        return held.values().iterator().next().until();
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Takes every held start, oldest first. */
    List<Transition> releaseAll() {
        List<Transition> all = new ArrayList<>(held.size());
        held.values().forEach(h -> all.add(h.start()));
        held.clear();
        return all;
    }

    private record Held(Transition start, long until) {
    }
}
