package dev.taskflux.service.workflow.run;

import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.storage.WriteBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Writes run and step changes in batches, one transaction per batch, on its own thread, so steps
 * never wait for the database. Changes to the same row within a batch collapse into the last one;
 * the events of every change are recorded in the batch's transaction, for the runs this node still
 * holds. With no batching delay every change is written on its own, at once (what tests with an
 * in-memory store use).
 */
final class RunJournal implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(RunJournal.class);

    private final RunStore store;
    private final Sinks.Many<Entry> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable writer;

    RunJournal(RunStore store, int batchSize, Duration maxWait, Scheduler thread) {
        this.store = store;
        this.writer = maxWait.isZero() ? queue.asFlux().concatMap(entry -> write(List.of(entry))).subscribe()
                : WriteBatches.start(queue.asFlux(), batchSize, maxWait, thread, this::write);
    }

    /** Queues {@code change} for writing; returns at once. */
    void record(RunChange change) {
        emit(new Entry(change, null));
    }

    /** Queues {@code change} for writing; completes once it is written (or could not be). */
    Mono<Void> recordAndWait(RunChange change) {
        Sinks.Empty<Void> done = Sinks.empty();
        emit(new Entry(change, done));
        return done.asMono();
    }

    /**
     * Completes once every change queued before this call is written; fails with
     * {@link LostChangesException} when they could not be, so a caller never acknowledges what a
     * restart would forget.
     */
    Mono<Void> written() {
        Sinks.Empty<Void> done = Sinks.empty();
        emit(new Entry(null, done));
        return done.asMono();
    }

    private void emit(Entry entry) {
        synchronized (queue) {
            queue.tryEmitNext(entry);
        }
    }

    private Mono<Void> write(List<Entry> batch) {
        Map<Object, RunChange> last = new LinkedHashMap<>();
        batch.stream().map(Entry::change).filter(Objects::nonNull).forEach(change -> last.put(change.key(), change));
        List<RunChange> merged = new ArrayList<>(last.values());
        // one lock order for every writer of run and step rows keeps concurrent batches from deadlocking
        merged.sort(Comparator.comparing((RunChange c) -> c.runId())
                .thenComparing(c -> c.step() == null ? "" : c.step().stepId()));
        List<LifecycleEvent> events = batch.stream().map(Entry::change).filter(Objects::nonNull)
                .map(RunChange::event).filter(Objects::nonNull).toList();
        AtomicReference<Throwable> lost = new AtomicReference<>();
        Mono<?> stored = merged.isEmpty() ? Mono.empty() : store.write(merged, events);
        return stored
                .retryWhen(Retry.backoff(5, Duration.ofMillis(100)))
                .onErrorResume(e -> {
                    lost.set(e);
                    log.error("Lost {} workflow state changes; the runs resume from their last stored state", merged.size(), e);
                    return Mono.empty();
                })
                .doFinally(signal -> batch.forEach(entry -> entry.settle(lost.get())))
                .then();
    }

    @Override
    public void dispose() {
        queue.tryEmitComplete();
        writer.dispose();
    }

    @Override
    public boolean isDisposed() {
        return writer.isDisposed();
    }

    /** A change to write, or (with no change) a marker that waits for the changes before it. */
    private record Entry(RunChange change, Sinks.Empty<Void> done) {

        void settle(Throwable lost) {
            if (done == null) {
                return;
            }
            if (lost != null && change == null) {
                done.tryEmitError(new LostChangesException(lost));
            } else {
                done.tryEmitEmpty();
            }
        }
    }

    /** The changes a caller waited for could not be written. */
    static final class LostChangesException extends RuntimeException {

        LostChangesException(Throwable cause) {
            super("workflow state could not be stored; try again", cause);
        }
    }
}
