package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.client.EventFilter;
import dev.taskflux.client.LifecycleEvent;
import dev.taskflux.client.TaskfluxClient;
import dev.taskflux.client.WorkContext;
import dev.taskflux.client.Worker;
import dev.taskflux.service.event.EventHub;
import dev.taskflux.service.event.EventLog;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import dev.taskflux.service.support.Stalled;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The SDK against the running service over a real port on PostgreSQL: the events of a remote run
 * arrive in order, the SDK's event watch survives being cut off and the service going away with no
 * gap and no duplicate, a worker reconnects when the service comes back, and a stopping worker hands
 * its work back.
 */
@Import(GrpcPortProbe.class)
// Closed after the class so its database connections do not stay open for the rest of the suite.
@DirtiesContext
@TestPropertySource(properties = {
        "taskflux.workers.handlers=e2e_echo,e2e_block",
        "taskflux.workers.heartbeat-interval=200ms",
        "taskflux.workers.heartbeat-timeout=2s",
        "taskflux.events.subscriber-buffer=64"})
class SdkEndToEndTest extends IntegrationTest {

    private static final Set<UUID> BLOCKED = ConcurrentHashMap.newKeySet();
    private static final Set<UUID> STOPPED = ConcurrentHashMap.newKeySet();

    @Autowired
    private EventLog log;

    @Autowired
    private EventHub hub;

    @Autowired
    private GrpcPortProbe grpc;

    private TaskfluxClient client;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Disposable> watches = new ArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @BeforeEach
    void connect() {
        client = TaskfluxClient.builder().target("localhost:" + grpc.port()).retry(3, Duration.ofMillis(50)).build();
    }

    @AfterEach
    void disconnect() {
        watches.forEach(Disposable::dispose);
        workers.forEach(w -> w.stop(Duration.ofSeconds(1)).block(Duration.ofSeconds(10)));
        client.close();
    }

    @Test
    void theEventsOfARemoteRunArriveInOrder() {
        Worker worker = worker("echo", "e2e_echo", ctx -> Mono.just(Map.of("echo", ctx.params().get("word"))));
        await().atMost(BOUND).until(worker::connected);

        TaskDefinition task = client.create(spec("e2e_echo")).block();
        List<LifecycleEvent> seen = client.events(EventFilter.all().owner(owner), 0)
                .takeUntil(e -> e.type().equals("INSTANCE_COMPLETED")).collectList().block(BOUND);

        assertThat(seen).extracting(LifecycleEvent::type).containsSubsequence("TASK_CREATED", "INSTANCE_PENDING",
                "INSTANCE_STARTED", "INSTANCE_COMPLETED");
        assertThat(seen).extracting(LifecycleEvent::seq).isSorted().doesNotHaveDuplicates();
        assertThat(seen).allMatch(e -> task.id().equals(e.taskId()) && owner.equals(e.owner()));
        LifecycleEvent completed = seen.get(seen.size() - 1);
        assertThat(completed.instanceId()).isNotNull();
        assertThat(client.instance(completed.instanceId()).block().result()).isEqualTo(Map.of("echo", "hello"));
    }

    @Test
    void theSdkWatchResumesAfterTheServiceCutsOffAReaderThatFellBehind() {
        ManagedChannel narrow = NettyChannelBuilder.forTarget("localhost:" + grpc.port()).usePlaintext()
                .flowControlWindow(16 * 1024).build();
        try (TaskfluxClient slowClient = TaskfluxClient.builder().channel(narrow).retry(3, Duration.ofMillis(50))
                .build()) {
            int before = hub.subscribers();
            Stalled<LifecycleEvent> slow = new Stalled<>();
            slowClient.events(EventFilter.all().owner(owner)).subscribe(slow);
            await().atMost(BOUND).until(() -> hub.subscribers() == before + 1);

            List<Long> appended = append(3000);
            // The service cut the reader off (its subscription is gone) while it still reads nothing.
            await().atMost(BOUND).until(() -> hub.subscribers() == before);

            slow.request(Long.MAX_VALUE);
            await().atMost(BOUND).until(() -> slow.received.size() >= appended.size());
            assertThat(slow.received).extracting(LifecycleEvent::seq).containsExactlyElementsOf(appended);
            assertThat(slow.error).isNull();
            slow.dispose();
        } finally {
            narrow.shutdownNow();
        }
    }

    @Test
    void aWorkerAndAnEventWatchCarryOnAfterTheServiceGoesAwayAndComesBack() throws Exception {
        try (TcpProxy proxy = new TcpProxy(grpc.port());
             TaskfluxClient proxied = TaskfluxClient.builder().target("localhost:" + proxy.port())
                     .retry(10, Duration.ofMillis(50)).build()) {
            Worker worker = proxied.worker("comes-back").handle("e2e_echo", ctx -> Mono.just(Map.of("ok", true)))
                    .reconnect(Duration.ofMillis(50), Duration.ofMillis(500)).start();
            workers.add(worker);
            await().atMost(BOUND).until(worker::connected);
            List<LifecycleEvent> seen = new CopyOnWriteArrayList<>();
            List<Throwable> failed = new CopyOnWriteArrayList<>();
            watches.add(proxied.events(EventFilter.all().owner(owner)).subscribe(seen::add, failed::add));
            TaskDefinition before = client.create(spec("e2e_echo")).block();
            await().atMost(BOUND).until(() -> completed(seen).contains(before.id()));

            proxy.down();
            await().atMost(BOUND).until(() -> !worker.connected());
            log.append(new dev.taskflux.service.event.LifecycleEvent(EventType.TASK_UPDATED, clock.instant(), owner,
                    UUID.randomUUID(), null, Map.of("note", "while the service was away"))).block(BOUND);
            proxy.up();

            await().atMost(BOUND).until(worker::connected);
            TaskDefinition after = client.create(spec("e2e_echo")).block();
            await().atMost(BOUND).until(() -> completed(seen).contains(after.id()));
            assertThat(seen).extracting(LifecycleEvent::seq).isSorted().doesNotHaveDuplicates();
            assertThat(failed).isEmpty();
            assertThat(seen).filteredOn(e -> e.type().equals("TASK_UPDATED"))
                    .extracting(e -> e.payload().get("note")).containsExactly("while the service was away");
            assertThat(client.instances(after.id(), InstanceStatus.COMPLETED, 0, 10).block().items()).hasSize(1);
        }
    }

    @Test
    void aStoppingWorkerHandsBackWorkThatAnotherWorkerFinishes() {
        Worker leaving = worker("leaving", "e2e_block", this::block);
        await().atMost(BOUND).until(leaving::connected);
        TaskDefinition task = client.create(spec("e2e_block")).block();
        TaskInstance running = await().atMost(BOUND).until(() -> client.instances(task.id(), null, 0, 10).block()
                        .items(), list -> list.size() == 1 && list.get(0).status() == InstanceStatus.RUNNING
                        && BLOCKED.contains(list.get(0).id())).get(0);
        Worker staying = worker("staying", "e2e_block", ctx -> Mono.just(Map.of("by", "staying")));
        await().atMost(BOUND).until(staying::connected);

        leaving.stop(Duration.ofMillis(300)).block(BOUND);

        TaskInstance done = await().atMost(BOUND).until(() -> client.instance(running.id()).block(),
                i -> i.status() == InstanceStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(Map.of("by", "staying"));
        assertThat(done.attempts()).hasSize(1);
        assertThat(STOPPED).contains(running.id());
        assertThat(leaving.connected()).isFalse();
    }

    private static Set<UUID> completed(List<LifecycleEvent> events) {
        Set<UUID> tasks = ConcurrentHashMap.newKeySet();
        events.stream().filter(e -> e.type().equals("INSTANCE_COMPLETED")).forEach(e -> tasks.add(e.taskId()));
        return tasks;
    }

    /** Appends {@code count} events of this test's owner in batches; returns their sequences. */
    private List<Long> append(int count) {
        List<dev.taskflux.service.event.LifecycleEvent> batch = IntStream.range(0, 100)
                .mapToObj(i -> new dev.taskflux.service.event.LifecycleEvent(EventType.TASK_UPDATED, clock.instant(),
                        owner, UUID.randomUUID(), null, Map.of("note", "bulk"))).toList();
        IntStream.range(0, count / 100).forEach(i -> log.append(batch).block(BOUND));
        return log.read(0, Long.MAX_VALUE, new dev.taskflux.service.event.EventFilter(owner, null, null, null,
                Set.of()), Integer.MAX_VALUE).map(dev.taskflux.service.event.SequencedEvent::seq).collectList()
                .block(BOUND);
    }

    private TaskSpec spec(String handler) {
        return TaskSpec.builder("e2e " + handler, handler, Trigger.immediate()).owner(owner)
                .params(Map.of("word", "hello")).build();
    }

    private Mono<Object> block(WorkContext ctx) {
        return Mono.never().doOnSubscribe(s -> BLOCKED.add(ctx.instanceId()))
                .doOnCancel(() -> STOPPED.add(ctx.instanceId()));
    }

    private Worker worker(String id, String handler, dev.taskflux.client.WorkHandler work) {
        Worker worker = client.worker(id).handle(handler, work).capacity(4)
                .reconnect(Duration.ofMillis(50), Duration.ofMillis(500)).start();
        workers.add(worker);
        return worker;
    }
}
