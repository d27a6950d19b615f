package dev.taskflux.service.handler;

import static dev.taskflux.service.handler.Contexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class BlockingTaskHandlerTest {

    private final Scheduler workers = Schedulers.newBoundedElastic(2, 10, "blocking-test");

    @AfterEach
    void disposeWorkers() {
        workers.dispose();
    }

    @Test
    void runsOffTheSubscribingThreadOnBoundedElastic() {
        String caller = Thread.currentThread().getName();
        TaskHandler handler = TaskHandler.blocking("where", context -> Thread.currentThread().getName());

        StepVerifier.create(handler.handle(context("where", Map.of())))
                .assertNext(thread -> assertThat((String) thread).startsWith("boundedElastic").isNotEqualTo(caller))
                .verifyComplete();
    }

    @Test
    void runsOnTheGivenScheduler() {
        TaskHandler handler = TaskHandler.blocking("where", context -> Thread.currentThread().getName(), workers);

        StepVerifier.create(handler.handle(context("where", Map.of())))
                .assertNext(thread -> assertThat((String) thread).startsWith("blocking-test"))
                .verifyComplete();
    }

    @Test
    void passesTheContextAndReturnsTheResult() {
        TaskHandler handler = TaskHandler.blocking("greet",
                context -> Map.of("hello", context.string("who").orElseThrow()), workers);

        assertThat(handler.name()).isEqualTo("greet");
        StepVerifier.create(handler.handle(context("greet", Map.of("who", "world"))))
                .expectNext(Map.of("hello", "world"))
                .verifyComplete();
    }

    @Test
    void nullIsNoResultAndThrowingFails() {
        TaskHandler empty = TaskHandler.blocking("empty", context -> null, workers);
        TaskHandler broken = TaskHandler.blocking("broken", context -> {
            throw new NonRetryableException("no");
        }, workers);

        StepVerifier.create(empty.handle(context("empty", Map.of()))).verifyComplete();
        StepVerifier.create(broken.handle(context("broken", Map.of())))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(NonRetryableException.class).hasMessage("no"));
    }

    @Test
    void doesNothingUntilSubscribed() {
        AtomicBoolean ran = new AtomicBoolean();
        TaskHandler handler = TaskHandler.blocking("lazy", context -> ran.getAndSet(true), workers);

        handler.handle(context("lazy", Map.of()));

        assertThat(ran).isFalse();
    }

    @Test
    void cancellationInterruptsTheWork() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        TaskHandler handler = TaskHandler.blocking("stuck", context -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return null;
        }, workers);

        Disposable run = handler.handle(context("stuck", Map.of())).subscribe();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.getCount() == 0);
        run.dispose();

        await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    }
}
