package dev.taskflux.client;

import dev.taskflux.proto.reactor.ReactorClientCalls;
import dev.taskflux.proto.v1.Hello;
import dev.taskflux.proto.v1.WorkerMessage;
import dev.taskflux.proto.v1.WorkerServiceGrpc;
import io.grpc.Channel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * A remote worker: serves task handlers by name for a Taskflux service, running at most
 * {@code capacity} attempts at once. It stays connected, reconnecting with backoff after the
 * service restarts or the network fails, until it is stopped or its channel is shut down; attempts
 * running when a connection drops are failed by the service and retried under their task's policy.
 *
 * <pre>{@code
 * Worker worker = client.worker("documents-1")
 *         .handle("process_document", ctx -> convert(ctx.params()))
 *         .capacity(8)
 *         .start();
 * ...
 * worker.stop(Duration.ofSeconds(30)).block();   // finish or hand back in-flight work
 * }</pre>
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** How long a stopping worker waits for the service to end its stream before cancelling it. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final WorkerServiceGrpc.WorkerServiceStub stub;
    private final Channel channel;
    private final String workerId;
    private final Map<String, WorkHandler> handlers;
    private final int capacity;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Scheduler timer;
    private final Sinks.Many<Integer> changes = Sinks.many().multicast().directBestEffort();
    private volatile WorkerConnection connection;
    private volatile boolean stopping;
    private Disposable loop;

    private Worker(Builder builder) {
        this.stub = WorkerServiceGrpc.newStub(builder.channel);
        this.channel = builder.channel;
        this.workerId = builder.workerId;
        this.handlers = Map.copyOf(builder.handlers);
        this.capacity = builder.capacity;
        this.firstBackoff = builder.firstBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.timer = builder.timer;
    }

    /**
     * A builder of a worker named {@code workerId} that talks over {@code channel}; see also
     * {@link TaskfluxClient#worker(String)}, which shares the client's channel.
     */
    public static Builder builder(Channel channel, String workerId) {
        return new Builder(channel, workerId);
    }

    /** Configures a {@link Worker}: its handlers, capacity and reconnect backoff. */
    public static final class Builder {
        private final Channel channel;
        private final String workerId;
        private final Map<String, WorkHandler> handlers = new LinkedHashMap<>();
        private int capacity = 16;
        private Duration firstBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Scheduler timer = Schedulers.parallel();

        Builder(Channel channel, String workerId) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.workerId = Objects.requireNonNull(workerId, "workerId");
        }

        /** Serves {@code name} with {@code handler}. */
        public Builder handle(String name, WorkHandler handler) {
            handlers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Most attempts run at once; 16 by default. */
        public Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.capacity = capacity;
            return this;
        }

        /** Reconnect delays: the first, doubling up to {@code max}; 200 ms to 5 s by default. */
        public Builder reconnect(Duration first, Duration max) {
            this.firstBackoff = Objects.requireNonNull(first, "first");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Where heartbeats and reconnect delays are timed; {@code Schedulers.parallel()} by default. */
        public Builder timer(Scheduler timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /** The worker, not yet connected. */
        public Worker build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("a worker needs at least one handler");
            }
            return new Worker(this);
        }

        /** Builds the worker and {@link Worker#start() starts} it. */
        public Worker start() {
            return build().start();
        }
    }

    /** Connects, and keeps reconnecting until stopped. Returns at once. */
    public synchronized Worker start() {
        if (loop == null) {
            WorkerMessage hello = WorkerMessage.newBuilder().setHello(Hello.newBuilder().setWorkerId(workerId)
                    .addAllHandlers(handlers.keySet()).setCapacity(capacity)).build();
            loop = Flux.defer(() -> session(hello))
                    .concatWith(Flux.error(() -> new IllegalStateException("the service closed the stream")))
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, firstBackoff).maxBackoff(maxBackoff)
                            .transientErrors(true).scheduler(timer)
                            .filter(error -> !stopping && !Channels.shutDown(channel))
                            .doBeforeRetry(signal -> log.info("Worker {} reconnecting after: {}", workerId,
                                    signal.failure().toString())))
                    .subscribe(null, this::ended);
        }
        return this;
    }

    /**
     * Stops gracefully: asks the service for no more work, lets running attempts finish for up to
     * {@code grace}, hands the rest back (another worker runs them), then closes the stream.
     * Completes when done.
     */
    public Mono<Void> stop(Duration grace) {
        return Mono.defer(() -> {
            stopping = true;
            WorkerConnection current = connection;
            if (current == null) {
                return Mono.fromRunnable(this::dispose);
            }
            current.drain();
            return changes.asFlux().startWith(current.running()).map(n -> current.running())
                    .filter(n -> n == 0).next().then()
                    .timeout(grace, Mono.empty(), timer)
                    .then(Mono.fromRunnable(() -> {
                        current.releaseAll();
                        current.close();
                    }))
                    // The service ends the stream once it has taken back what was released; cancelling
                    // the call earlier would lose those messages and fail the attempts instead.
                    .then(current.ended().timeout(CLOSE_TIMEOUT, Mono.empty(), timer))
                    .then(Mono.fromRunnable(this::dispose));
        });
    }

    /** Stops gracefully with 30 seconds of grace, blocking until done. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30)).block();
    }

    /** Attempts running now. */
    public int running() {
        WorkerConnection current = connection;
        return current == null ? 0 : current.running();
    }

    /** Whether a stream to the service is open and the service has accepted this worker on it. */
    public boolean connected() {
        WorkerConnection current = connection;
        return current != null && current.welcomed();
    }

    private Flux<Void> session(WorkerMessage hello) {
        WorkerConnection c = new WorkerConnection(handlers, timer, () -> changes.tryEmitNext(0));
        connection = c;
        return ReactorClientCalls.bidi(c.outbound(hello), stub::connect)
                .doOnNext(c::receive)
                .doFinally(signal -> {
                    if (connection == c) {
                        connection = null;
                    }
                    c.lost();
                })
                .thenMany(Flux.empty());
    }

    private void ended(Throwable error) {
        if (!stopping && Channels.shutDown(channel)) {
            log.warn("Worker {} stopped: its channel was shut down", workerId);
        } else {
            log.debug("Worker {} stopped: {}", workerId, error.toString());
        }
    }

    private synchronized void dispose() {
        if (loop != null) {
            loop.dispose();
        }
    }
}
