package dev.taskflux.client;

import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.v1.Assignment;
import dev.taskflux.proto.v1.Failure;
import dev.taskflux.proto.v1.Heartbeat;
import dev.taskflux.proto.v1.Progress;
import dev.taskflux.proto.v1.Release;
import dev.taskflux.proto.v1.Result;
import dev.taskflux.proto.v1.ServiceMessage;
import dev.taskflux.proto.v1.WorkerMessage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One stream of a {@link Worker}: the messages it sends, the attempts it runs, its heartbeat.
 * When the stream ends its attempts are disposed (the service has failed them already).
 */
final class WorkerConnection {

    private static final Logger log = LoggerFactory.getLogger(WorkerConnection.class);

    private final Map<String, WorkHandler> handlers;
    private final Scheduler timer;
    private final Runnable onChange;
    private final Sinks.Many<WorkerMessage> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Map<Key, Disposable> running = new ConcurrentHashMap<>();
    private final Disposable.Swap heartbeat = Disposables.swap();
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private volatile boolean draining;
    private volatile boolean welcomed;

    record Key(String instanceId, int attempt) {
    }

    WorkerConnection(Map<String, WorkHandler> handlers, Scheduler timer, Runnable onChange) {
        this.handlers = handlers;
        this.timer = timer;
        this.onChange = onChange;
    }

    /** What to send, starting with {@code hello}; completes when the worker closes its side. */
    Flux<WorkerMessage> outbound(WorkerMessage hello) {
        return Flux.concat(Mono.just(hello), outbound.asFlux());
    }

    /** Handles one message from the service. */
    void receive(ServiceMessage message) {
        switch (message.getKindCase()) {
            case WELCOME -> {
                welcomed = true;
                var interval = ProtoValues.duration(message.getWelcome().getHeartbeatInterval());
                heartbeat.update(Flux.interval(interval, interval, timer)
                        .subscribe(tick -> send(WorkerMessage.newBuilder()
                                .setHeartbeat(Heartbeat.getDefaultInstance()).build())));
            }
            case ASSIGNMENT -> start(message.getAssignment());
            case STOP -> {
                Disposable attempt = running.remove(new Key(message.getStop().getInstanceId(),
                        message.getStop().getAttempt()));
                if (attempt != null) {
                    attempt.dispose();
                    onChange.run();
                }
            }
            default -> {
            }
        }
    }

    /** Whether the service has welcomed this connection. */
    boolean welcomed() {
        return welcomed;
    }

    /** Running attempts. */
    int running() {
        return running.size();
    }

    /** Asks for no more work. */
    void drain() {
        draining = true;
        send(WorkerMessage.newBuilder().setDrain(dev.taskflux.proto.v1.Drain.getDefaultInstance()).build());
    }

    /** Hands every running attempt back to the service and stops it here. */
    void releaseAll() {
        running.forEach((key, attempt) -> {
            if (running.remove(key, attempt)) {
                send(WorkerMessage.newBuilder().setRelease(Release.newBuilder().setInstanceId(key.instanceId())
                        .setAttempt(key.attempt())).build());
                attempt.dispose();
            }
        });
        onChange.run();
    }

    /** Closes the worker's side of the stream. */
    void close() {
        synchronized (outbound) {
            outbound.tryEmitComplete();
        }
    }

    /** Completes when the stream has ended. */
    Mono<Void> ended() {
        return ended.asMono();
    }

    /** The stream ended: stop the heartbeat and every attempt. */
    void lost() {
        heartbeat.dispose();
        running.values().forEach(Disposable::dispose);
        running.clear();
        close();
        onChange.run();
        ended.tryEmitEmpty();
    }

    private void start(Assignment a) {
        Key key = new Key(a.getInstanceId(), a.getAttempt());
        if (draining) {
            send(WorkerMessage.newBuilder().setRelease(Release.newBuilder().setInstanceId(key.instanceId())
                    .setAttempt(key.attempt())).build());
            return;
        }
        WorkHandler handler = handlers.get(a.getHandler());
        if (handler == null) {
            fail(key, "this worker has no handler '" + a.getHandler() + "'", false);
            return;
        }
        WorkContext context = new WorkContext(UUID.fromString(a.getInstanceId()), UUID.fromString(a.getTaskId()),
                a.getHandler(), ProtoValues.map(a.getParams()), a.getAttempt(),
                a.hasFireAt() ? ProtoValues.instant(a.getFireAt()) : null, a.getOwner(),
                (fraction, text) -> progress(key, fraction, text));
        Disposable.Swap attempt = Disposables.swap();
        running.put(key, attempt);
        onChange.run();
        attempt.update(Mono.defer(() -> handler.handle(context))
                .subscribe(result -> finish(key, attempt, result), error -> {
                    if (running.remove(key, attempt)) {
                        onChange.run();
                        fail(key, describe(error), !(error instanceof NonRetryableException));
                    }
                }, () -> finish(key, attempt, null)));
    }

    private void finish(Key key, Disposable attempt, Object result) {
        if (running.remove(key, attempt)) {
            Result.Builder r = Result.newBuilder().setInstanceId(key.instanceId()).setAttempt(key.attempt());
            if (result != null) {
                r.setResult(ProtoValues.value(result));
            }
            send(WorkerMessage.newBuilder().setResult(r).build());
            onChange.run();
        }
    }

    private void fail(Key key, String message, boolean retryable) {
        send(WorkerMessage.newBuilder().setFailure(Failure.newBuilder().setInstanceId(key.instanceId())
                .setAttempt(key.attempt()).setMessage(message).setRetryable(retryable)).build());
    }

    private void progress(Key key, Double fraction, String text) {
        if (running.containsKey(key)) {
            Progress.Builder p = Progress.newBuilder().setInstanceId(key.instanceId()).setAttempt(key.attempt())
                    .setMessage(text == null ? "" : text);
            if (fraction != null) {
                p.setFraction(fraction);
            }
            send(WorkerMessage.newBuilder().setProgress(p).build());
        }
    }

    private void send(WorkerMessage message) {
        synchronized (outbound) {
            if (outbound.tryEmitNext(message).isFailure()) {
                log.debug("Dropped a message for a closed stream: {}", message.getKindCase());
            }
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
