package dev.taskflux.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The worker's connection loop, timed by a virtual clock against a channel with no service behind it. */
class WorkerTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void keepsReconnectingWhileItsChannelIsOpenAndStopsOnceItIsShutDown() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        CountingChannel channel = new CountingChannel(
                InProcessChannelBuilder.forName("nobody-" + UUID.randomUUID()).directExecutor().build());
        Worker worker = Worker.builder(channel, "w-1").handle("echo", ctx -> Mono.empty())
                .reconnect(Duration.ofSeconds(1), Duration.ofSeconds(1)).timer(time).start();
        try {
            await().atMost(BOUND).until(() -> channel.calls.get() >= 1);
            time.advanceTimeBy(Duration.ofSeconds(5));
            await().atMost(BOUND).until(() -> channel.calls.get() >= 4);

            channel.shutdownNow();
            time.advanceTimeBy(Duration.ofSeconds(2));
            int afterShutdown = channel.calls.get();
            time.advanceTimeBy(Duration.ofMinutes(5));

            assertThat(channel.calls.get()).isEqualTo(afterShutdown);
            assertThat(worker.connected()).isFalse();
        } finally {
            worker.stop(Duration.ZERO).block(BOUND);
            time.dispose();
        }
    }

    /** A channel that counts the calls made on it. */
    private static final class CountingChannel extends ManagedChannel {
        private final ManagedChannel delegate;
        private final AtomicInteger calls = new AtomicInteger();

        CountingChannel(ManagedChannel delegate) {
            this.delegate = delegate;
        }

        @Override
        public <Q, A> ClientCall<Q, A> newCall(MethodDescriptor<Q, A> method, CallOptions options) {
            calls.incrementAndGet();
            return delegate.newCall(method, options);
        }

        @Override
        public String authority() {
            return delegate.authority();
        }

        @Override
        public ManagedChannel shutdown() {
            delegate.shutdown();
            return this;
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public ManagedChannel shutdownNow() {
            delegate.shutdownNow();
            return this;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }
}
