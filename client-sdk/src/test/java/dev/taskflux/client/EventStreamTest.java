package dev.taskflux.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.proto.v1.Event;
import dev.taskflux.proto.v1.EventServiceGrpc;
import dev.taskflux.proto.v1.Started;
import dev.taskflux.proto.v1.WatchEventsRequest;
import dev.taskflux.proto.v1.WatchEventsResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The SDK's event watch against a scripted in-process service whose streams end in every way a real
 * one can: it watches again after the last sequence it emitted, and gives up only on bad input.
 */
class EventStreamTest {

    /** What each call asked for: its {@code after}, or -1 when absent. */
    private final List<Long> afters = new CopyOnWriteArrayList<>();
    private final List<String> owners = new CopyOnWriteArrayList<>();
    private Server server;
    private ManagedChannel channel;
    private TaskfluxClient client;

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void resumesAfterTheLastEventOnEveryKindOfEndWithNoGapAndNoDuplicate() throws Exception {
        serve((call, answers) -> {
            switch (call) {
                case 0 -> {
                    answers.onNext(started(10));
                    answers.onNext(event(11));
                    answers.onNext(event(12));
                    answers.onError(resumeAfter(Status.RESOURCE_EXHAUSTED, 12));
                }
                case 1 -> {
                    answers.onNext(started(12));
                    answers.onNext(event(13));
                    answers.onError(Status.UNAVAILABLE.asRuntimeException());
                }
                case 2 -> {
                    answers.onNext(started(13));
                    answers.onError(Status.CANCELLED.withDescription("RST_STREAM").asRuntimeException());
                }
                case 3 -> {
                    answers.onNext(started(13));
                    answers.onCompleted();
                }
                default -> {
                    answers.onNext(started(13));
                    answers.onNext(event(14));
                }
            }
        });

        StepVerifier.create(client.events(EventFilter.all().owner("ops")).map(LifecycleEvent::seq))
                .expectNext(11L, 12L, 13L, 14L)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(afters).containsExactly(-1L, 12L, 13L, 13L, 13L);
        assertThat(owners).containsOnly("ops");
    }

    @Test
    void aStreamCutBeforeItsFirstEventResumesWhereItStarted() throws Exception {
        serve((call, answers) -> {
            if (call == 0) {
                answers.onNext(started(40));
                answers.onError(Status.UNAVAILABLE.asRuntimeException());
            } else {
                answers.onNext(started(40));
                answers.onNext(event(41));
            }
        });

        StepVerifier.create(client.events(EventFilter.all()).map(LifecycleEvent::seq))
                .expectNext(41L)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(afters).containsExactly(-1L, 40L);
    }

    @Test
    void badFiltersFailWithoutWatchingAgain() throws Exception {
        serve((call, answers) -> answers.onError(Status.INVALID_ARGUMENT.withDescription("types: unknown")
                .asRuntimeException()));

        StepVerifier.create(client.events(EventFilter.all().types("NOPE"), 5))
                .expectError(InvalidArgumentException.class)
                .verify(Duration.ofSeconds(10));
        assertThat(afters).containsExactly(5L);
    }

    @Test
    void aWatchEndsOnceItsChannelIsShutDownInsteadOfWatchingAgain() throws Exception {
        serve((call, answers) -> answers.onError(Status.UNAVAILABLE.asRuntimeException()));
        channel.shutdownNow();

        StepVerifier.create(client.events(EventFilter.all()))
                .expectErrorMatches(e -> e instanceof StatusRuntimeException status
                        && status.getStatus().getCode() == Status.Code.UNAVAILABLE)
                .verify(Duration.ofSeconds(10));
    }

    private void serve(Script script) throws Exception {
        String name = "events-" + UUID.randomUUID();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new EventServiceGrpc.EventServiceImplBase() {
                    @Override
                    public void watchEvents(WatchEventsRequest request, StreamObserver<WatchEventsResponse> answers) {
                        afters.add(request.hasAfter() ? request.getAfter() : -1);
                        owners.add(request.getOwner());
                        script.answer(afters.size() - 1, answers);
                    }
                }).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        client = TaskfluxClient.builder().channel(channel).retry(2, Duration.ofMillis(1)).build();
    }

    private interface Script {
        void answer(int call, StreamObserver<WatchEventsResponse> answers);
    }

    private static WatchEventsResponse started(long after) {
        return WatchEventsResponse.newBuilder().setStarted(Started.newBuilder().setAfter(after)).build();
    }

    private static WatchEventsResponse event(long seq) {
        return WatchEventsResponse.newBuilder().setEvent(Event.newBuilder().setSeq(seq).setType("TASK_UPDATED")
                .setAt(Timestamp.newBuilder().setSeconds(1_700_000_000L)).setOwner("ops")
                .setTaskId(UUID.randomUUID().toString())).build();
    }

    private static io.grpc.StatusRuntimeException resumeAfter(Status status, long seq) {
        Metadata trailers = new Metadata();
        trailers.put(EventStream.RESUME_AFTER, Long.toString(seq));
        return status.withDescription("fell behind").asRuntimeException(trailers);
    }
}
