package dev.taskflux.service.worker;

import dev.taskflux.api.error.AlreadyExistsException;
import dev.taskflux.api.error.Violations;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.handler.HandlerAvailable;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.handler.HandlerUnavailable;
import dev.taskflux.service.handler.NonRetryableException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The connected workers and the attempts they run. An attempt goes to the worker serving its
 * handler with the most free capacity, or waits in order until one has room; no worker is sent
 * more unfinished attempts than its capacity. A worker that disconnects fails its attempts with
 * {@link WorkerLostException}, so they are retried under their task's policy; an attempt a
 * draining worker hands back goes to another worker as the same attempt.
 */
@Component
public class WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final Object lock = new Object();
    private final Map<String, WorkerSession> sessions = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<RemoteCall>> queued = new HashMap<>();
    private final Map<String, ArrayDeque<MonoSink<Void>>> waiting = new HashMap<>();
    private final HandlerRegistry handlers;
    private final LifecycleEvents events;
    private final Clock clock;
    private final int maxCapacity;
    private final ApplicationEventPublisher publisher;

    WorkerPool(HandlerRegistry handlers, LifecycleEvents events, Clock clock, TaskfluxProperties properties,
               ApplicationEventPublisher publisher) {
        this.handlers = handlers;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.maxCapacity = properties.workers().maxCapacity();
        properties.workers().handlers().forEach(this::serve);
    }

    /**
     * Accepts a worker serving {@code names} with room for {@code capacity} attempts at once, and
     * starts sending it work.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException if a field is missing or out of range
     * @throws AlreadyExistsException if a name belongs to a handler built into the service
     */
    public WorkerSession connect(String workerId, List<String> names, int capacity) {
        Violations v = new Violations();
        v.check(workerId == null || workerId.isBlank(), "hello.worker_id", "is required");
        v.check(names.isEmpty() || names.stream().anyMatch(String::isBlank), "hello.handlers",
                "must name at least one handler, none blank");
        v.check(capacity < 1 || capacity > maxCapacity, "hello.capacity", "must be between 1 and " + maxCapacity);
        v.throwIfAny();
        names.forEach(this::serve);
        WorkerSession session = new WorkerSession(workerId, names, capacity);
        List<Runnable> after = new ArrayList<>();
        List<String> arrived;
        synchronized (lock) {
            arrived = names.stream().distinct().filter(name -> !serving(name)).toList();
            sessions.put(session.id(), session);
            fill(session, after);
        }
        after.forEach(Runnable::run);
        log.info("{} connected: handlers {}, capacity {}", session, session.handlers(), capacity);
        arrived.forEach(name -> publisher.publishEvent(new HandlerAvailable(name)));
        return session;
    }

    /** Whether a worker serving {@code handler} is connected here, busy or not. */
    boolean serving(String handler) {
        synchronized (lock) {
            for (WorkerSession s : sessions.values()) {
                if (s.serves(handler)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Runs one attempt on a worker; disposing the returned {@code Mono} tells the worker to stop. */
    Mono<Object> run(HandlerContext context) {
        return Mono.create(sink -> {
            RemoteCall call = new RemoteCall(context, sink);
            sink.onCancel(() -> cancel(call));
            synchronized (lock) {
                WorkerSession session = pick(context.handler());
                if (session == null) {
                    queue(context.handler()).add(call);
                } else {
                    assign(session, call);
                }
            }
        });
    }

    /** Completes when a worker serving {@code handler} has free capacity. */
    Mono<Void> ready(String handler) {
        return Mono.create(sink -> {
            boolean now;
            synchronized (lock) {
                now = pick(handler) != null;
                if (!now) {
                    waiting.computeIfAbsent(handler, h -> new ArrayDeque<>()).add(sink);
                    sink.onCancel(() -> {
                        synchronized (lock) {
                            waiting.get(handler).remove(sink);
                        }
                    });
                }
            }
            if (now) {
                sink.success();
            }
        });
    }

    /** The worker finished an attempt with {@code result}. */
    public void completed(WorkerSession session, AttemptKey key, Object result) {
        RemoteCall call = finish(session, key);
        if (call != null) {
            call.outcome.success(result);
        }
    }

    /** The worker's handler failed an attempt; {@code retryable = false} makes it the last. */
    public void failed(WorkerSession session, AttemptKey key, String message, boolean retryable) {
        RemoteCall call = finish(session, key);
        if (call != null) {
            String error = session.workerId() + ": " + message;
            call.outcome.error(retryable ? new RemoteFailureException(error) : new NonRetryableException(error));
        }
    }

    /** The worker reports progress on an attempt; published as an {@code INSTANCE_PROGRESS} event. */
    public void progress(WorkerSession session, AttemptKey key, Double fraction, String message) {
        RemoteCall call;
        synchronized (lock) {
            call = session.running.get(key);
        }
        if (call != null) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("attempt", key.attempt());
            payload.put("worker", session.workerId());
            if (fraction != null) {
                payload.put("fraction", fraction);
            }
            if (message != null && !message.isEmpty()) {
                payload.put("message", message);
            }
            HandlerContext c = call.context;
            events.record(new LifecycleEvent(EventType.INSTANCE_PROGRESS, clock.instant(), c.owner(),
                    c.definitionId(), c.instanceId(), payload)).subscribe(null,
                    e -> log.warn("Could not record the progress of instance {}: {}", c.instanceId(), e.toString()));
        }
    }

    /** The worker hands an attempt back unfinished; it goes to another worker as the same attempt. */
    public void released(WorkerSession session, AttemptKey key) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            RemoteCall call = session.running.remove(key);
            if (call != null) {
                call.session = null;
                WorkerSession other = pick(call.context.handler());
                if (other == null) {
                    queue(call.context.handler()).addFirst(call);
                } else {
                    assign(other, call);
                }
            }
            fill(session, after);
        }
        after.forEach(Runnable::run);
    }

    /** The worker is stopping: it gets no more attempts. */
    public void drain(WorkerSession session) {
        synchronized (lock) {
            session.draining = true;
        }
        log.info("{} is draining", session);
    }

    /**
     * The worker is gone; the attempts it ran fail with {@link WorkerLostException}. A handler no
     * other worker here serves becomes unavailable, so the instances waiting for it are handed back.
     */
    public void disconnect(WorkerSession session, String reason) {
        List<RemoteCall> lost;
        List<String> departed;
        synchronized (lock) {
            if (session.closed) {
                return;
            }
            session.closed = true;
            sessions.remove(session.id());
            lost = new ArrayList<>(session.running.values());
            session.running.clear();
            departed = session.handlers().stream().distinct().filter(name -> !serving(name)).toList();
        }
        session.end();
        log.info("{} disconnected ({}); {} running attempts lost", session, reason, lost.size());
        lost.forEach(call -> call.outcome.error(new WorkerLostException(session + " " + reason
                + " while running attempt " + call.context.attempt())));
        departed.forEach(name -> publisher.publishEvent(new HandlerUnavailable(name)));
    }

    private RemoteCall finish(WorkerSession session, AttemptKey key) {
        List<Runnable> after = new ArrayList<>();
        RemoteCall call;
        synchronized (lock) {
            call = session.running.remove(key);
            fill(session, after);
        }
        after.forEach(Runnable::run);
        if (call == null) {
            log.debug("{} answered attempt {} it no longer runs", session, key);
        }
        return call;
    }

    private void cancel(RemoteCall call) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            WorkerSession session = call.session;
            if (session == null) {
                queue(call.context.handler()).remove(call);
                return;
            }
            if (session.running.remove(call.key(), call)) {
                session.send(new WorkerCommand.Stop(call.key(), "the attempt was cancelled or timed out"));
                fill(session, after);
            }
        }
        after.forEach(Runnable::run);
    }

    /** Gives {@code session} queued attempts while it has room, then wakes instances waiting for one. */
    private void fill(WorkerSession session, List<Runnable> after) {
        boolean assigned = true;
        while (assigned && session.free() > 0) {
            assigned = false;
            for (String handler : session.handlers()) {
                RemoteCall next = session.free() > 0 ? queue(handler).poll() : null;
                if (next != null) {
                    assign(session, next);
                    assigned = true;
                }
            }
        }
        int free = session.free();
        for (String handler : session.handlers()) {
            ArrayDeque<MonoSink<Void>> sinks = waiting.get(handler);
            while (free > 0 && sinks != null && !sinks.isEmpty()) {
                MonoSink<Void> sink = sinks.poll();
                after.add(sink::success);
                free--;
            }
        }
    }

    private void assign(WorkerSession session, RemoteCall call) {
        call.session = session;
        session.running.put(call.key(), call);
        session.send(new WorkerCommand.Assign(call.context));
    }

    private WorkerSession pick(String handler) {
        WorkerSession best = null;
        for (WorkerSession s : sessions.values()) {
            if (s.serves(handler) && s.free() > 0 && (best == null || s.free() > best.free())) {
                best = s;
            }
        }
        return best;
    }

    private ArrayDeque<RemoteCall> queue(String handler) {
        return queued.computeIfAbsent(handler, h -> new ArrayDeque<>());
    }

    private void serve(String name) {
        if (handlers.find(name).filter(h -> !(h instanceof RemoteHandler)).isPresent()) {
            throw new AlreadyExistsException(name, "handler '" + name
                    + "' is built into the service; a remote worker cannot serve it");
        }
        synchronized (handlers) {
            if (!handlers.contains(name)) {
                handlers.register(new RemoteHandler(name, this));
            }
        }
    }
}
