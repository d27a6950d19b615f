package dev.taskflux.service.execution;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The node-wide concurrency limit. A run starts at once while fewer than {@code limit} run;
 * otherwise it waits, and the waiting run with the highest priority (then the earliest due) starts
 * when a slot frees.
 */
final class ConcurrencyGate {

    /** A run waiting for a slot. */
    interface Entry {
        int priority();

        Instant dueAt();

        /** Starts the run; it must call {@link ConcurrencyGate#release()} when it ends. */
        void start();

        /** Whether it was cancelled while waiting (then it is dropped). */
        boolean cancelled();
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::priority).reversed()
            .thenComparing(Entry::dueAt);

    private final int limit;
    private final PriorityQueue<Entry> waiting = new PriorityQueue<>(ORDER);
    private int running;

    ConcurrencyGate(int limit) {
        this.limit = limit;
    }

    /** Starts {@code entry} now if a slot is free, else queues it. */
    void submit(Entry entry) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(entry);
                return;
            }
            running++;
        }
        entry.start();
    }

    /** Frees the slot of a run that ended, starting the next waiting one. */
    void release() {
        Entry next;
        synchronized (this) {
            do {
                next = waiting.poll();
            } while (next != null && next.cancelled());
            if (next == null) {
                running--;
                return;
            }
        }
        next.start();
    }

    /** Runs holding a slot. */
    synchronized int running() {
        return running;
    }

    /** Runs waiting for a slot. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Slots free right now. */
    synchronized int free() {
        return Math.max(0, limit - running - waiting.size());
    }
}
