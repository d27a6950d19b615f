package dev.taskflux.service.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.service.support.IntegrationTest;
import dev.taskflux.service.support.Stalled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The event log and its streams on a real database: order, gap-free resume, isolation of slow subscribers. */
@TestPropertySource(properties = {"taskflux.events.subscriber-buffer=64", "taskflux.events.heartbeat=200ms",
        "taskflux.events.read-batch=50"})
abstract class EventLogScenarios extends IntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    EventLog log;

    @Autowired
    EventHub hub;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    EventRetention retention;

    @Test
    void replaysAfterTheGivenSequenceThenContinuesLive() {
        List<Long> appended = appendAll(3);
        EventFilter mine = ownerFilter();
        List<SequencedEvent> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = hub.subscribe(mine, appended.get(0)).subscribe(seen::add);
        try {
            await().atMost(BOUND).until(() -> seen.size() == 2);
            appended.addAll(appendAll(2));
            await().atMost(BOUND).until(() -> seen.size() == 4);
            assertThat(seen).extracting(SequencedEvent::seq).containsExactlyElementsOf(appended.subList(1, 5));
            assertThat(seen).allMatch(e -> owner.equals(e.event().owner()));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void concurrentWritersProduceOneStrictlyIncreasingSequenceWithoutGaps() {
        List<SequencedEvent> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = hub.subscribe(ownerFilter(), -1).subscribe(seen::add);
        try {
            Flux.range(0, 8).parallel(8).runOn(Schedulers.parallel())
                    .flatMap(writer -> Flux.range(0, 25).concatMap(i -> log.append(List.of(event(), event(), event()))))
                    .sequential().blockLast(BOUND);
            await().atMost(BOUND).until(() -> seen.size() == 600);
            List<Long> seqs = seen.stream().map(SequencedEvent::seq).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isEqualTo(599);
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverSeenAndLeaveNoGap() {
        long before = appendAll(1).get(0);
        Mono<Void> failing = log.append(event()).then(Mono.error(new IllegalStateException("rolled back")));
        tx.transactional(failing).onErrorResume(IllegalStateException.class, e -> Mono.empty()).block(BOUND);
        long after = appendAll(1).get(0);
        List<SequencedEvent> replayed = hub.subscribe(ownerFilter(), before - 1).take(2).collectList().block(BOUND);
        assertThat(replayed).extracting(SequencedEvent::seq).containsExactly(before, after);
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void aSlowSubscriberIsCutOffWithoutHoldingBackOthers() {
        Stalled<SequencedEvent> slow = new Stalled<>();
        hub.subscribe(ownerFilter(), -1).subscribe(slow);
        List<SequencedEvent> fast = new CopyOnWriteArrayList<>();
        Disposable other = hub.subscribe(ownerFilter(), -1).subscribe(fast::add);
        try {
            List<Long> appended = appendAll(200);
            await().atMost(BOUND).until(() -> fast.size() == 200);
            slow.request(Long.MAX_VALUE);
            await().atMost(BOUND).until(() -> slow.error != null);
            assertThat(slow.error).isInstanceOf(SlowSubscriberException.class);
            long resumeAfter = ((SlowSubscriberException) slow.error).lastDelivered();
            assertThat(slow.received).extracting(SequencedEvent::seq)
                    .containsExactlyElementsOf(appended.subList(0, slow.received.size()));
            assertThat(resumeAfter).isEqualTo(slow.received.get(slow.received.size() - 1).seq());
            assertThat(slow.received.size()).isLessThan(200);
            List<SequencedEvent> resumed = hub.subscribe(ownerFilter(), resumeAfter)
                    .take(200 - slow.received.size()).collectList().block(BOUND);
            assertThat(resumed).extracting(SequencedEvent::seq)
                    .containsExactlyElementsOf(appended.subList(slow.received.size(), 200));
        } finally {
            other.dispose();
            slow.dispose();
        }
    }

    @Test
    void filtersByTaskInstanceRunAndType() {
        UUID task = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        LifecycleEvent ofTask = new LifecycleEvent(EventType.INSTANCE_STARTED, clock.instant(), owner, task,
                UUID.randomUUID(), Map.of("attempt", 1));
        LifecycleEvent ofRun = new LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), owner, null, null, run,
                "step-a", Map.of());
        log.append(List.of(event(), ofTask, ofRun)).block(BOUND);
        EventFilter byTask = new EventFilter(null, task, null, null, Set.of());
        EventFilter byRun = new EventFilter(owner, null, null, run, Set.of());
        EventFilter byType = new EventFilter(owner, null, null, null, Set.of(EventType.INSTANCE_STARTED));
        assertThat(hub.subscribe(byTask, 0).blockFirst(BOUND).event()).isEqualTo(ofTask);
        assertThat(hub.subscribe(byRun, 0).blockFirst(BOUND).event()).isEqualTo(ofRun);
        assertThat(hub.subscribe(byType, 0).blockFirst(BOUND).event()).isEqualTo(ofTask);
    }

    @Test
    void liveEventsReachTheSubscribersOfTheirOwnerAndThoseWatchingAnyOwner() {
        String other = owner + "-other";
        UUID task = UUID.randomUUID();
        int before = hub.subscribers();
        List<SequencedEvent> mine = new CopyOnWriteArrayList<>();
        List<SequencedEvent> theirs = new CopyOnWriteArrayList<>();
        List<SequencedEvent> ofTask = new CopyOnWriteArrayList<>();
        List<Disposable> subscriptions = List.of(
                hub.subscribe(ownerFilter(), -1).subscribe(mine::add),
                hub.subscribe(new EventFilter(other, null, null, null, Set.of()), -1).subscribe(theirs::add),
                hub.subscribe(new EventFilter(null, task, null, null, Set.of()), -1).subscribe(ofTask::add));
        LifecycleEvent forMe = new LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), owner, task, null, Map.of());
        LifecycleEvent forThem = new LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), other, task, null,
                Map.of());
        LifecycleEvent elsewhere = event();
        try {
            log.append(List.of(forMe, forThem, elsewhere)).block(BOUND);

            await().atMost(BOUND).until(() -> mine.size() == 2 && theirs.size() == 1 && ofTask.size() == 2);
            assertThat(mine).extracting(SequencedEvent::event).containsExactly(forMe, elsewhere);
            assertThat(theirs).extracting(SequencedEvent::event).containsExactly(forThem);
            assertThat(ofTask).extracting(SequencedEvent::event).containsExactly(forMe, forThem);
        } finally {
            subscriptions.forEach(Disposable::dispose);
        }
        await().atMost(BOUND).until(() -> hub.subscribers() == before);
    }

    @Test
    void sseResumesFromLastEventIdWithNoGapAndNoDuplicate() {
        List<Long> appended = appendAll(5);
        List<ServerSentEvent<Map<String, Object>>> first = stream("/events?owner=" + owner + "&after="
                + (appended.get(0) - 1), null).filter(e -> e.id() != null).take(2).collectList().block(BOUND);
        assertThat(first).extracting(ServerSentEvent::id)
                .containsExactly(appended.get(0).toString(), appended.get(1).toString());
        assertThat(first.get(0).event()).isEqualTo(EventType.TASK_UPDATED.name());
        assertThat(first.get(0).data()).containsEntry("owner", owner).containsEntry("seq", appended.get(0).intValue());
        List<ServerSentEvent<Map<String, Object>>> rest = stream("/events?owner=" + owner, first.get(1).id())
                .filter(e -> e.id() != null).take(3).collectList().block(BOUND);
        assertThat(rest).extracting(ServerSentEvent::id)
                .containsExactlyElementsOf(appended.subList(2, 5).stream().map(String::valueOf).toList());
    }

    @Test
    void aTaskRunIsStreamedFromCreationToCompletionInOrder() {
        Flux<ServerSentEvent<Map<String, Object>>> events = stream("/events?owner=" + owner + "&after=0", null)
                .filter(e -> e.id() != null);
        create("""
                {"name":"streamed","handler":"noop","trigger":{"type":"immediate"}}""");
        List<ServerSentEvent<Map<String, Object>>> seen = events
                .takeUntil(e -> EventType.INSTANCE_COMPLETED.name().equals(e.event())).collectList().block(BOUND);
        assertThat(seen).extracting(ServerSentEvent::event).containsSubsequence(EventType.TASK_CREATED.name(),
                EventType.INSTANCE_PENDING.name(), EventType.INSTANCE_STARTED.name(),
                EventType.INSTANCE_COMPLETED.name()).contains(EventType.TASK_COMPLETED.name());
        assertThat(seen).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();
        Object instance = seen.get(seen.size() - 1).data().get("instanceId");
        assertThat(seen).filteredOn(e -> e.event().startsWith("INSTANCE_")).allMatch(e -> instance.equals(e.data().get("instanceId")));
    }

    @Test
    void readsAcrossStoredBatchesKeepEveryEventOnceInSequenceOrder() {
        UUID task = UUID.randomUUID();
        List<LifecycleEvent> big = new ArrayList<>();
        IntStream.range(0, EventLog.EVENTS_PER_ROW * 2 + 10).forEach(i -> big.add(i % 7 == 0
                ? new LifecycleEvent(EventType.INSTANCE_STARTED, clock.instant(), owner, task, null, Map.of("i", i))
                : event()));
        List<Long> before = appendAll(20);
        log.append(big).block(BOUND);
        List<Long> after = appendAll(20);
        long firstOfBig = before.get(before.size() - 1) + 1;

        List<Long> all = log.read(before.get(0) - 1, Long.MAX_VALUE, ownerFilter(), Integer.MAX_VALUE)
                .map(SequencedEvent::seq).collectList().block(BOUND);
        List<SequencedEvent> ofTask = log.read(firstOfBig + 3, after.get(5), new EventFilter(null, task, null, null,
                Set.of()), 30).collectList().block(BOUND);

        assertThat(all).hasSize(20 + big.size() + 20).isSorted().doesNotHaveDuplicates()
                .startsWith(before.get(0)).endsWith(after.get(19));
        assertThat(ofTask).hasSize(30).extracting(e -> e.event().payload().get("i"))
                .containsExactlyElementsOf(IntStream.iterate(7, i -> i + 7).limit(30).boxed().toList());
        assertThat(ofTask).extracting(SequencedEvent::seq).allMatch(seq -> seq == firstOfBig
                + (Integer) log.read(seq - 1, seq, ownerFilter(), 1).blockFirst(BOUND).event().payload().get("i"));
    }

    @Test
    void retentionRemovesOnlyEventsOlderThanTheRetentionAge() {
        LifecycleEvent old = new LifecycleEvent(EventType.TASK_UPDATED, clock.instant().minus(Duration.ofDays(8)), owner,
                UUID.randomUUID(), null, Map.of());
        log.append(old).block(BOUND);
        List<Long> recent = appendAll(1);
        assertThat(retention.purge().block(BOUND)).isGreaterThanOrEqualTo(1L);
        List<SequencedEvent> left = log.read(0, Long.MAX_VALUE, ownerFilter(), 10).collectList().block(BOUND);
        assertThat(left).extracting(SequencedEvent::seq).containsExactlyElementsOf(recent);
    }

    @Test
    void idleStreamsSendKeepAliveComments() {
        ServerSentEvent<Map<String, Object>> first = stream("/events?owner=" + owner, null).blockFirst(BOUND);
        assertThat(first.comment()).isEqualTo("keep-alive");
    }

    @Test
    void badFiltersGetProblemDetails() {
        expectBadRequest("/events?type=NOT_A_TYPE", null, "type");
        expectBadRequest("/events?after=-3", null, "after");
        expectBadRequest("/events?task=not-a-uuid", null, "task");
        expectBadRequest("/events", "abc", "Last-Event-ID");
    }

    private void expectBadRequest(String uri, String lastEventId, String field) {
        web.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo(field);
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(String uri, String lastEventId) {
        return web.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody();
    }

    /** Appends {@code count} events of this test's owner, one transaction each; returns their sequences. */
    protected List<Long> appendAll(int count) {
        List<Long> seqs = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> {
            log.append(event()).block(BOUND);
            seqs.add(log.read(0, Long.MAX_VALUE, ownerFilter(), Integer.MAX_VALUE).last().block(BOUND).seq());
        });
        return seqs;
    }

    protected EventFilter ownerFilter() {
        return new EventFilter(owner, null, null, null, Set.of());
    }

    protected LifecycleEvent event() {
        return new LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), owner, UUID.randomUUID(), null,
                Map.of("note", "test"));
    }
}
