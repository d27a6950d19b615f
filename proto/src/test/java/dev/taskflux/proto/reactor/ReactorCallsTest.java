package dev.taskflux.proto.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.proto.v1.EventServiceGrpc;
import dev.taskflux.proto.v1.GetStatsRequest;
import dev.taskflux.proto.v1.ServiceMessage;
import dev.taskflux.proto.v1.Stats;
import dev.taskflux.proto.v1.TaskServiceGrpc;
import dev.taskflux.proto.v1.WatchEventsRequest;
import dev.taskflux.proto.v1.WatchEventsResponse;
import dev.taskflux.proto.v1.WorkerMessage;
import dev.taskflux.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Cancellation and demand cross the bridge in both directions. */
class ReactorCallsTest {

    private final CountDownLatch unaryCancelled = new CountDownLatch(1);
    private final AtomicLong requestedByClient = new AtomicLong();
    private final AtomicLong requestedOfStream = new AtomicLong();
    private final CountDownLatch streamCancelled = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = "bridge-" + UUID.randomUUID();
        server = InProcessServerBuilder.forName(name).addService(new TaskServiceGrpc.TaskServiceImplBase() {
            @Override
            public void getStats(GetStatsRequest request, StreamObserver<Stats> answer) {
                ReactorServerCalls.unary(Mono.<Stats>never().doOnCancel(unaryCancelled::countDown), answer,
                        error -> error);
            }
        }).addService(new WorkerServiceGrpc.WorkerServiceImplBase() {
            @Override
            public StreamObserver<WorkerMessage> connect(StreamObserver<ServiceMessage> answers) {
                return ReactorServerCalls.bidi(answers, received -> Flux.range(0, 1_000_000)
                        .doOnRequest(requestedByClient::addAndGet)
                        .map(i -> ServiceMessage.getDefaultInstance()), error -> error);
            }
        }).addService(new EventServiceGrpc.EventServiceImplBase() {
            @Override
            public void watchEvents(WatchEventsRequest request, StreamObserver<WatchEventsResponse> answers) {
                ReactorServerCalls.serverStream(Flux.range(0, 1_000_000)
                        .doOnRequest(requestedOfStream::addAndGet)
                        .doOnCancel(streamCancelled::countDown)
                        .map(i -> WatchEventsResponse.getDefaultInstance()), answers, error -> error);
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void anExpiredDeadlineDisposesTheServersSubscription() throws Exception {
        var stub = TaskServiceGrpc.newStub(channel).withDeadlineAfter(1000, TimeUnit.MILLISECONDS);

        StepVerifier.create(ReactorClientCalls.unary(GetStatsRequest.getDefaultInstance(), stub::getStats))
                .expectErrorSatisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.DEADLINE_EXCEEDED))
                .verify(Duration.ofSeconds(5));
        assertThat(unaryCancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSlowReaderHoldsBackTheServersPublisher() {
        StepVerifier.create(ReactorClientCalls.bidi(Flux.<WorkerMessage>never(),
                        WorkerServiceGrpc.newStub(channel)::connect), 5)
                .expectNextCount(5)
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(requestedByClient.get()).isLessThan(100_000);
    }

    @Test
    void aServerStreamSendsOnlyWhatTheClientReadsAndCancellingReachesThePublisher() throws Exception {
        StepVerifier.create(ReactorClientCalls.serverStream(WatchEventsRequest.getDefaultInstance(),
                        EventServiceGrpc.newStub(channel)::watchEvents), 5)
                .expectNextCount(5)
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(requestedOfStream.get()).isLessThan(100_000);
        assertThat(streamCancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
