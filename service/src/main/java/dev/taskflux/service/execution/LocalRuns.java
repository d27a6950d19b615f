package dev.taskflux.service.execution;

import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.handler.TaskHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The instances this node holds: waiting on their timer for the due time, queued at the
 * concurrency gate, or running. Each keeps the {@link Disposable} that cancelling disposes.
 */
final class LocalRuns {

    private final Map<UUID, LocalRun> runs = new ConcurrentHashMap<>();
    private final Sinks.Many<UUID> finished = Sinks.many().multicast().directBestEffort();
    private final ConcurrencyGate gate;
    private final HandlerRegistry handlers;
    private final RunSupport support;
    private final ExecutionMetrics metrics;

    LocalRuns(ConcurrencyGate gate, HandlerRegistry handlers, RunSupport support, ExecutionMetrics metrics) {
        this.gate = gate;
        this.handlers = handlers;
        this.support = support;
        this.metrics = metrics;
    }

    /** Starts {@code instance} at its due time once its handler is ready, within the concurrency limit. */
    void launch(ClaimedInstance instance) {
        LocalRun run = new LocalRun(instance);
        if (runs.putIfAbsent(instance.id(), run) != null) {
            return;
        }
        Clock clock = support.clock();
        Duration wait = Duration.between(clock.instant(), instance.dueAt());
        Mono<Void> ready = handlers.find(instance.spec().handler()).map(TaskHandler::ready).orElseGet(Mono::empty);
        Mono<Void> due = wait.isNegative() || wait.isZero() ? ready : Mono.delay(wait, support.scheduler()).then(ready);
        run.timer = due.subscribe(null, error -> gate.submit(run), () -> gate.submit(run));
    }

    /** Stops the instance wherever it is; emits whether this node held it. */
    boolean cancel(UUID id) {
        LocalRun run = runs.remove(id);
        if (run == null) {
            return false;
        }
        run.cancel();
        return true;
    }

    /**
     * Gives up the instances of {@code handlers} that have not started here (waiting for their due
     * time, for a worker or for a concurrency slot); emits them, for their leases to be released.
     */
    List<ClaimedInstance> releaseUnstarted(Set<String> handlers) {
        List<ClaimedInstance> released = new ArrayList<>();
        if (handlers.isEmpty()) {
            return released;
        }
        for (LocalRun run : runs.values()) {
            if (handlers.contains(run.instance.spec().handler()) && run.release() && runs.remove(run.instance.id(), run)) {
                released.add(run.instance);
            }
        }
        return released;
    }

    /** Ids of every instance held here. */
    Set<UUID> ids() {
        return Set.copyOf(runs.keySet());
    }

    /** Ids of runs as they end, for as long as subscribed; best effort. */
    Flux<UUID> finished() {
        return finished.asFlux();
    }

    /** How many instances are held here. */
    int held() {
        return runs.size();
    }

    /** Stops everything; used at shutdown. */
    void cancelAll() {
        runs.keySet().forEach(this::cancel);
    }

    private final class LocalRun implements ConcurrencyGate.Entry {
        private final ClaimedInstance instance;
        private Disposable timer;
        private Disposable execution;
        private boolean cancelled;
        private boolean started;

        LocalRun(ClaimedInstance instance) {
            this.instance = instance;
        }

        @Override
        public int priority() {
            return instance.priority();
        }

        @Override
        public Instant dueAt() {
            return instance.dueAt();
        }

        @Override
        public synchronized boolean cancelled() {
            return cancelled;
        }

        @Override
        public synchronized void start() {
            if (cancelled) {
                gate.release();
                return;
            }
            started = true;
            if (instance.attempt() == 0) {
                metrics.lateness(Duration.between(instance.dueAt(), support.clock().instant()));
            }
            InstanceRun run = new InstanceRun(instance, handlers.find(instance.spec().handler()).orElse(null), support);
            execution = run.run()
                    .doFinally(signal -> {
                        runs.remove(instance.id(), this);
                        gate.release();
                        finished.tryEmitNext(instance.id());
                    })
                    .subscribe(metrics::outcome);
        }

        /** Cancels the run unless it has started; emits whether it had not. */
        synchronized boolean release() {
            if (started || cancelled) {
                return false;
            }
            cancel();
            return true;
        }

        synchronized void cancel() {
            cancelled = true;
            if (timer != null) {
                timer.dispose();
            }
            if (started && execution != null) {
                execution.dispose();
            }
        }
    }
}
