package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.client.TaskfluxClient;
import dev.taskflux.client.Worker;
import dev.taskflux.proto.reactor.ReactorClientCalls;
import dev.taskflux.proto.v1.Hello;
import dev.taskflux.proto.v1.ServiceMessage;
import dev.taskflux.proto.v1.WorkerMessage;
import dev.taskflux.proto.v1.WorkerServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The SDK and its remote workers against the running service over a real port, on PostgreSQL:
 * work reaches workers, cancellation reaches their handlers, a lost worker's attempt is retried on
 * another, instances waiting for a departed worker are handed back, silent workers are cut off,
 * deadlines hold.
 */
class RemoteWorkerTest extends SdkTest {

    private static final Set<UUID> BLOCKED = ConcurrentHashMap.newKeySet();
    private static final Set<UUID> STOPPED = ConcurrentHashMap.newKeySet();

    private final List<Worker> workers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void disconnect() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(1)).block(Duration.ofSeconds(10)));
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void aWorkerRunsWhatTheClientCreatesAndInstancesWaitForIt() {
        TaskDefinition task = client.create(spec("remote_echo").build()).block();
        // Without a worker here, this node leaves the instance unclaimed for a node that has one.
        await().during(Duration.ofMillis(600)).atMost(BOUND).until(() -> only(task),
                i -> i != null && i.status() == InstanceStatus.PENDING && i.leaseOwner() == null);

        worker("echo-1", "remote_echo", ctx -> Mono.just(Map.of("echo", ctx.params().get("word"),
                "attempt", ctx.attempt())));

        TaskInstance done = await().atMost(BOUND).until(() -> only(task),
                i -> i != null && i.status() == InstanceStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(Map.of("echo", "hello", "attempt", 1L));
    }

    @Test
    void cancellingAnInstanceStopsTheWorkersHandler() {
        worker("block-1", "remote_block", this::block);
        TaskDefinition task = client.create(spec("remote_block").build()).block();
        TaskInstance running = await().atMost(BOUND).until(() -> only(task),
                i -> i != null && i.status() == InstanceStatus.RUNNING && BLOCKED.contains(i.id()));

        client.cancelInstance(running.id()).block();

        await().atMost(BOUND).until(() -> STOPPED.contains(running.id()));
        assertThat(client.instance(running.id()).block().status()).isEqualTo(InstanceStatus.CANCELLED);
    }

    @Test
    void theAttemptOfAKilledWorkerIsRetriedOnAnother() {
        ManagedChannel doomed = channel();
        Worker first = Worker.builder(doomed, "doomed").handle("remote_block", this::block).start();
        TaskDefinition task = client.create(spec("remote_block").retry(RetryPolicy.fixed(2, Duration.ofMillis(100)))
                .build()).block();
        TaskInstance running = await().atMost(BOUND).until(() -> only(task),
                i -> i != null && i.status() == InstanceStatus.RUNNING && BLOCKED.contains(i.id()));
        worker("survivor", "remote_block", ctx -> Mono.just(Map.of("by", "survivor")));

        doomed.shutdownNow();

        TaskInstance done = await().atMost(BOUND).until(() -> client.instance(running.id()).block(),
                i -> i.status() == InstanceStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(Map.of("by", "survivor"));
        assertThat(done.attempts()).hasSize(2);
        assertThat(done.attempts().get(0).outcome()).isEqualTo(InstanceStatus.FAILED);
        assertThat(done.attempts().get(0).error()).contains("doomed");
        assertThat(first.connected()).isFalse();
    }

    @Test
    void instancesWaitingForTheLastWorkerOfTheirHandlerAreHandedBackWhenItLeaves() {
        ManagedChannel doomed = channel();
        Worker.builder(doomed, "doomed").handle("remote_block", this::block).capacity(1).start();
        TaskDefinition first = client.create(spec("remote_block").build()).block();
        await().atMost(BOUND).until(() -> only(first),
                i -> i != null && i.status() == InstanceStatus.RUNNING && BLOCKED.contains(i.id()));
        TaskDefinition second = client.create(spec("remote_block").build()).block();
        // Claimed here, waiting for the worker's only slot.
        await().during(Duration.ofMillis(300)).atMost(BOUND).until(() -> only(second),
                i -> i != null && i.status() == InstanceStatus.PENDING && i.leaseOwner() != null);

        doomed.shutdownNow();

        // Handed back: claimable by any node with a worker, and left alone by this one, which has none.
        await().during(Duration.ofMillis(600)).atMost(BOUND).until(() -> only(second),
                i -> i.status() == InstanceStatus.PENDING && i.leaseOwner() == null);
        worker("successor", "remote_block", ctx -> Mono.just(Map.of("by", "successor")));
        TaskInstance done = await().atMost(BOUND).until(() -> only(second),
                i -> i.status() == InstanceStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(Map.of("by", "successor"));
        assertThat(done.attempts()).hasSize(1);
    }

    @Test
    void aSilentWorkerIsDisconnected() {
        WorkerMessage hello = WorkerMessage.newBuilder().setHello(Hello.newBuilder().setWorkerId("silent")
                .addHandlers("remote_echo").setCapacity(1)).build();
        Flux<ServiceMessage> answers = ReactorClientCalls.bidi(Flux.just(hello).concatWith(Flux.never()),
                WorkerServiceGrpc.newStub(channel())::connect);

        StepVerifier.create(answers)
                .expectNextMatches(ServiceMessage::hasWelcome)
                .expectErrorSatisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.UNAVAILABLE))
                .verify(BOUND);
    }

    @Test
    void callsHonourTheClientDeadline() {
        try (TaskfluxClient impatient = TaskfluxClient.builder().target("localhost:" + grpc.port())
                .deadline(Duration.ofNanos(1)).build()) {
            assertThatThrownBy(() -> impatient.stats(null).block())
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                            .isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        }
    }

    private TaskSpec.Builder spec(String handler) {
        return TaskSpec.builder("remote " + handler, handler, Trigger.immediate()).owner(owner)
                .params(Map.of("word", "hello"));
    }

    private Mono<Object> block(dev.taskflux.client.WorkContext ctx) {
        return Mono.never().doOnSubscribe(s -> BLOCKED.add(ctx.instanceId()))
                .doOnCancel(() -> STOPPED.add(ctx.instanceId()));
    }

    private void worker(String id, String handler, dev.taskflux.client.WorkHandler work) {
        workers.add(client.worker(id).handle(handler, work).capacity(4).start());
    }

    private ManagedChannel channel() {
        ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + grpc.port(), InsecureChannelCredentials.create())
                .build();
        channels.add(channel);
        return channel;
    }

    /** The task's one instance, or null while it has not fired yet. */
    private TaskInstance only(TaskDefinition task) {
        List<TaskInstance> instances = client.instances(task.id(), null, 0, 10).block().items();
        assertThat(instances).hasSizeLessThanOrEqualTo(1);
        return instances.isEmpty() ? null : instances.get(0);
    }
}
