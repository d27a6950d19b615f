package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.proto.reactor.ReactorClientCalls;
import dev.taskflux.proto.v1.Event;
import dev.taskflux.proto.v1.EventServiceGrpc;
import dev.taskflux.proto.v1.WatchEventsRequest;
import dev.taskflux.proto.v1.WatchEventsResponse;
import dev.taskflux.service.event.EventFilter;
import dev.taskflux.service.event.EventHub;
import dev.taskflux.service.event.EventLog;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.SequencedEvent;
import dev.taskflux.service.support.Stalled;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** WatchEvents in process: filters, resume, bad input, and a reader that stops reading is cut off alone. */
@TestPropertySource(properties = {"taskflux.events.subscriber-buffer=64", "taskflux.events.read-batch=50"})
class EventGrpcServiceTest extends InProcessGrpcTest {

    @Autowired
    EventLog log;

    @Autowired
    EventHub hub;

    @Test
    void theFirstMessageNamesWhereTheStreamStartsThenEventsFollowInOrder() {
        List<Long> appended = append(3);
        List<WatchEventsResponse> seen = watch(request().setAfter(appended.get(0))).take(3).collectList().block(BOUND);

        assertThat(seen.get(0).getStarted().getAfter()).isEqualTo(appended.get(0));
        assertThat(seen.subList(1, 3)).extracting(m -> m.getEvent().getSeq())
                .containsExactlyElementsOf(appended.subList(1, 3));
        Event first = seen.get(1).getEvent();
        assertThat(first.getType()).isEqualTo("TASK_UPDATED");
        assertThat(first.getOwner()).isEqualTo(owner);
        assertThat(first.getPayload().getFieldsMap().get("note").getStringValue()).isEqualTo("test");
    }

    @Test
    void withoutAStartingSequenceOnlyNewEventsArrive() {
        append(2);
        List<Long> seen = new CopyOnWriteArrayList<>();
        Disposable watching = events(request()).subscribe(e -> seen.add(e.getSeq()));
        try {
            await().atMost(BOUND).until(() -> hub.subscribers() > 0);
            List<Long> later = append(2);
            await().atMost(BOUND).until(() -> seen.size() == 2);
            assertThat(seen).containsExactlyElementsOf(later);
        } finally {
            watching.dispose();
        }
    }

    @Test
    void filtersByTaskInstanceRunAndType() {
        UUID task = UUID.randomUUID();
        UUID instance = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        LifecycleEvent started = new LifecycleEvent(EventType.INSTANCE_STARTED, clock.instant(), owner, task, instance,
                Map.of("attempt", 1));
        LifecycleEvent completed = new LifecycleEvent(EventType.INSTANCE_COMPLETED, clock.instant(), owner, task,
                instance, Map.of());
        LifecycleEvent ofRun = new LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), owner, null, null, run,
                "step-a", Map.of());
        log.append(List.of(event(), started, completed, ofRun)).block(BOUND);

        assertThat(first(request().setTaskId(task.toString()).setAfter(0)).getType()).isEqualTo("INSTANCE_STARTED");
        assertThat(first(request().setInstanceId(instance.toString()).addTypes("INSTANCE_COMPLETED").setAfter(0))
                .getType()).isEqualTo("INSTANCE_COMPLETED");
        Event runEvent = first(request().setRunId(run.toString()).setAfter(0));
        assertThat(runEvent.getStepId()).isEqualTo("step-a");
        assertThat(runEvent.getTaskId()).isEmpty();
    }

    @Test
    void badFiltersAreInvalidArgumentsNamingEachField() {
        WatchEventsRequest bad = request().setTaskId("nope").setRunId("12").addTypes("NOT_A_TYPE").setAfter(-2)
                .build();

        StepVerifier.create(watch(bad.toBuilder()))
                .expectErrorSatisfies(e -> {
                    assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(Statuses.violations(() -> {
                        throw (StatusRuntimeException) e;
                    })).containsExactlyInAnyOrder("after: must be 0 or more", "task_id: must be a UUID",
                            "run_id: must be a UUID", "types: unknown event type 'NOT_A_TYPE'; known types: "
                                    + EnumSet.allOf(EventType.class));
                })
                .verify(BOUND);
    }

    @Test
    void aReaderThatStopsReadingIsCutOffAloneAndResumesWithNothingMissed() {
        Stalled<WatchEventsResponse> slow = new Stalled<>();
        watch(request()).subscribe(slow);
        List<Long> fast = new CopyOnWriteArrayList<>();
        Disposable other = events(request()).subscribe(e -> fast.add(e.getSeq()));
        try {
            await().atMost(BOUND).until(() -> hub.subscribers() >= 2);
            List<Long> appended = append(200);
            await().atMost(BOUND).until(() -> fast.size() == 200);
            assertThat(fast).containsExactlyElementsOf(appended);

            slow.request(Long.MAX_VALUE);
            await().atMost(BOUND).until(() -> slow.error != null);
            Status status = Status.fromThrowable(slow.error);
            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            List<Long> received = slow.received.stream().filter(WatchEventsResponse::hasEvent)
                    .map(m -> m.getEvent().getSeq()).toList();
            assertThat(received).hasSizeLessThan(200).containsExactlyElementsOf(appended.subList(0, received.size()));
            long resumeAfter = Long.parseLong(Status.trailersFromThrowable(slow.error).get(GrpcErrors.RESUME_AFTER));
            assertThat(resumeAfter).isEqualTo(received.get(received.size() - 1));
            assertThat(status.getDescription()).contains("resume after sequence " + resumeAfter);

            List<Long> rest = events(request().setAfter(resumeAfter)).take(200 - received.size())
                    .map(Event::getSeq).collectList().block(BOUND);
            assertThat(rest).containsExactlyElementsOf(appended.subList(received.size(), 200));
        } finally {
            other.dispose();
            slow.dispose();
        }
    }

    private WatchEventsRequest.Builder request() {
        return WatchEventsRequest.newBuilder().setOwner(owner);
    }

    private Flux<WatchEventsResponse> watch(WatchEventsRequest.Builder request) {
        return ReactorClientCalls.serverStream(request.build(), EventServiceGrpc.newStub(channel)::watchEvents);
    }

    private Flux<Event> events(WatchEventsRequest.Builder request) {
        return watch(request).filter(WatchEventsResponse::hasEvent).map(WatchEventsResponse::getEvent);
    }

    private Event first(WatchEventsRequest.Builder request) {
        return events(request).blockFirst(BOUND);
    }

    /** Appends {@code count} events of this test's owner, one transaction each; returns their sequences. */
    private List<Long> append(int count) {
        IntStream.range(0, count).forEach(i -> log.append(event()).block(BOUND));
        List<Long> all = log.read(0, Long.MAX_VALUE, new EventFilter(owner, null, null, null, Set.of()),
                Integer.MAX_VALUE).map(SequencedEvent::seq).collectList().block(BOUND);
        return List.copyOf(all.subList(all.size() - count, all.size()));
    }

    private LifecycleEvent event() {
        return new LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), owner, UUID.randomUUID(), null,
                Map.of("note", "test"));
    }
}
