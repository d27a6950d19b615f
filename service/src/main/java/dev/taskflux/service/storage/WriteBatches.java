package dev.taskflux.service.storage;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Writes queued changes in batches, one batch at a time, on one thread. A batch goes out when it is
 * full or {@code maxWait} after its first change. The next batch is taken only once the write
 * before it is done, so the changes queued during a slow write go out together (up to a full
 * batch) rather than as a line of small batches, each its own transaction, behind it: the slower
 * the database, the larger the batches, and the lag stays about one write long.
 */
public final class WriteBatches {

    private WriteBatches() {
    }

    /**
     * Starts writing {@code queue} with {@code write}; dispose the result to stop.
     *
     * @param queue     the changes, in the order they are to be written
     * @param batchSize the most changes one write takes
     * @param maxWait   how long the first change of a batch waits for others
     * @param thread    where batches are formed and writes are started
     * @param write     writes one batch; the next is not taken until it completes
     * @param <T>       the change type
     */
    public static <T> Disposable start(Flux<T> queue, int batchSize, Duration maxWait, Scheduler thread,
                                       Function<List<T>, Mono<Void>> write) {
        return queue.publishOn(thread)
                .bufferTimeout(batchSize, maxWait, thread, true)
                .concatMap(write, 0)
                .subscribe();
    }
}
