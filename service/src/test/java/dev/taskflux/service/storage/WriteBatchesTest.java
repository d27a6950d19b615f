package dev.taskflux.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Changes queued while a write is under way go out together once it is done, however slow it was;
 * a lone change waits no longer than the batching delay; no batch is larger than its limit.
 */
class WriteBatchesTest {

    private static final Duration MAX_WAIT = Duration.ofMillis(5);
    private static final Duration WRITE_TAKES = Duration.ofMillis(20);

    private final Sinks.Many<Integer> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final List<List<Integer>> written = new CopyOnWriteArrayList<>();
    private VirtualTimeScheduler time;
    private Disposable writer;

    @BeforeEach
    void start() {
        time = VirtualTimeScheduler.create();
        writer = WriteBatches.start(queue.asFlux(), 100, MAX_WAIT, time,
                batch -> Mono.delay(WRITE_TAKES, time).doOnSubscribe(s -> written.add(List.copyOf(batch))).then());
    }

    @AfterEach
    void stop() {
        writer.dispose();
        time.dispose();
    }

    @Test
    void aLoneChangeGoesOutAfterTheBatchingDelay() {
        queue.tryEmitNext(1);
        time.advanceTimeBy(MAX_WAIT.minusMillis(1));
        assertThat(written).isEmpty();

        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(written).containsExactly(List.of(1));
    }

    @Test
    void changesQueuedDuringASlowWriteGoOutAsOneBatchWhenItEnds() {
        queue.tryEmitNext(0);
        time.advanceTimeBy(MAX_WAIT);
        // the first write takes 20 ms; a change arrives every millisecond meanwhile
        for (int i = 1; i <= 12; i++) {
            queue.tryEmitNext(i);
            time.advanceTimeBy(Duration.ofMillis(1));
        }
        assertThat(written).hasSize(1);

        time.advanceTimeBy(WRITE_TAKES);
        assertThat(written).containsExactly(List.of(0), IntStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void aBacklogGoesOutInFullBatchesAndNoneLarger() {
        queue.tryEmitNext(0);
        time.advanceTimeBy(MAX_WAIT);
        IntStream.rangeClosed(1, 250).forEach(queue::tryEmitNext);

        time.advanceTimeBy(WRITE_TAKES.multipliedBy(4));
        assertThat(written).extracting(List::size).containsExactly(1, 100, 100, 50);
        assertThat(written.stream().flatMap(List::stream))
                .containsExactlyElementsOf(IntStream.rangeClosed(0, 250).boxed().toList());
    }
}
