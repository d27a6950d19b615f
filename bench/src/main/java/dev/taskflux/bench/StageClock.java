package dev.taskflux.bench;

import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.TaskHandler;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Handlers for the stages of a pipeline benchmark that hand each item on unchanged and note, on
 * {@link System#nanoTime()}, when items enter the first stage and leave the last one.
 */
final class StageClock {

    private final AtomicLong firstEntered = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEntered = new AtomicLong(Long.MIN_VALUE);
    private final ConcurrentLinkedQueue<Long> left = new ConcurrentLinkedQueue<>();

    /** Forgets the readings of the previous run. */
    void reset() {
        firstEntered.set(Long.MAX_VALUE);
        lastEntered.set(Long.MIN_VALUE);
        left.clear();
    }

    /** The handler of the first stage: notes when each item enters. */
    TaskHandler entry(String name) {
        return handler(name, () -> {
            long now = System.nanoTime();
            firstEntered.accumulateAndGet(now, Math::min);
            lastEntered.accumulateAndGet(now, Math::max);
        }, () -> { });
    }

    /** The handler of a middle stage: notes nothing. */
    TaskHandler passing(String name) {
        return handler(name, () -> { }, () -> { });
    }

    /** The handler of the last stage: notes when each item leaves. */
    TaskHandler exit(String name) {
        return handler(name, () -> { }, () -> left.add(System.nanoTime()));
    }

    /** Milliseconds from the first item entering the first stage to the last one entering it. */
    double lastEnteredMillis() {
        return (lastEntered.get() - firstEntered.get()) / 1e6;
    }

    /** Milliseconds from the first item entering the first stage to the first one leaving the last. */
    double firstLeftMillis() {
        return (left.stream().mapToLong(Long::longValue).min().orElseThrow() - firstEntered.get()) / 1e6;
    }

    /** Items that had left the last stage before the last item entered the first. */
    long leftBeforeLastEntered() {
        long last = lastEntered.get();
        return left.stream().filter(t -> t < last).count();
    }

    private static TaskHandler handler(String name, Runnable onEnter, Runnable onLeave) {
        return new TaskHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<Object> handle(HandlerContext context) {
                return Mono.fromSupplier(() -> {
                    onEnter.run();
                    Object item = context.params().get("item");
                    onLeave.run();
                    return item;
                });
            }
        };
    }
}
