package dev.taskflux.service.grpc;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.reactor.ReactorServerCalls;
import dev.taskflux.proto.v1.Hello;
import dev.taskflux.proto.v1.ServiceMessage;
import dev.taskflux.proto.v1.Welcome;
import dev.taskflux.proto.v1.WorkerMessage;
import dev.taskflux.proto.v1.WorkerServiceGrpc;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.worker.WorkerPool;
import dev.taskflux.service.worker.WorkerSession;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.grpc.server.service.GrpcService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The worker stream: a worker says Hello, is welcomed, then receives assignments and stops while
 * it sends heartbeats, progress and outcomes. A worker silent for longer than the heartbeat timeout
 * is disconnected with UNAVAILABLE; either way its unfinished attempts fail and are retried.
 */
@GrpcService
class WorkerGrpcService extends WorkerServiceGrpc.WorkerServiceImplBase {

    /** Messages read from a worker per request to the transport. */
    private static final int INBOUND_BATCH = 256;
    /** Silence is checked this many times per heartbeat timeout. */
    private static final int SILENCE_CHECKS = 4;

    private final WorkerPool pool;
    private final Scheduler scheduler;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;

    WorkerGrpcService(WorkerPool pool, Scheduler taskfluxScheduler, TaskfluxProperties properties) {
        this.pool = pool;
        this.scheduler = taskfluxScheduler;
        this.heartbeatInterval = properties.workers().heartbeatInterval();
        this.heartbeatTimeout = properties.workers().heartbeatTimeout();
    }

    @Override
    public StreamObserver<WorkerMessage> connect(StreamObserver<ServiceMessage> answers) {
        return ReactorServerCalls.bidi(answers, this::session, GrpcErrors::status);
    }

    /**
     * Fails with UNAVAILABLE once nothing was heard from the worker for the heartbeat timeout. One
     * periodic check per worker instead of a timer re-armed for every message it sends.
     */
    private Mono<ServiceMessage> silence(AtomicLong heard) {
        long timeout = heartbeatTimeout.toMillis();
        return Flux.interval(heartbeatTimeout.dividedBy(SILENCE_CHECKS), scheduler)
                .filter(tick -> scheduler.now(TimeUnit.MILLISECONDS) - heard.get() >= timeout)
                .next()
                .then(Mono.error(() -> Status.UNAVAILABLE.withDescription("no message from the worker for "
                        + heartbeatTimeout).asRuntimeException()));
    }

    /** The messages to send a worker, given the messages it sends. */
    Flux<ServiceMessage> session(Flux<WorkerMessage> received) {
        return received.switchOnFirst((first, all) -> {
            if (!first.hasValue()) {
                return Flux.empty();
            }
            if (!first.get().hasHello()) {
                return Flux.error(InvalidArgumentException.of("hello", "the first message must be Hello"));
            }
            Hello hello = first.get().getHello();
            WorkerSession session = pool.connect(hello.getWorkerId(), hello.getHandlersList(), hello.getCapacity());
            Mono<ServiceMessage> welcome = Mono.just(ServiceMessage.newBuilder().setWelcome(Welcome.newBuilder()
                    .setSessionId(session.id()).setHeartbeatInterval(ProtoValues.duration(heartbeatInterval))).build());
            AtomicLong heard = new AtomicLong(scheduler.now(TimeUnit.MILLISECONDS));
            Mono<ServiceMessage> inbound = all.skip(1)
                    .limitRate(INBOUND_BATCH)
                    .doOnNext(message -> {
                        heard.set(scheduler.now(TimeUnit.MILLISECONDS));
                        WorkerMessages.apply(pool, session, message);
                    })
                    .doOnComplete(() -> pool.disconnect(session, "closed its stream"))
                    .then(Mono.empty());
            return Flux.merge(welcome.concatWith(session.commands().map(WorkerMessages::message)), inbound,
                            silence(heard))
                    .doFinally(signal -> pool.disconnect(session, signal == reactor.core.publisher.SignalType.ON_ERROR
                            ? "went silent or failed" : "left"));
        }, false);
    }
}
