package dev.taskflux.service.execution;

import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.handler.HandlerAvailable;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.handler.HandlerUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * This node's scheduling loop. Every poll interval, and whenever something is created, triggered or
 * freed, it fires due definitions and claims due instances (both a little ahead, so in-memory
 * timers start them on time), heartbeats its leases and recovers expired ones.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** A round that takes longer is abandoned (its transactions roll back) so the loop never stalls. */
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(1);
    /**
     * Instances held ahead of their fire time may number this many times the concurrency limit. Every
     * fire within the lookahead is held, so the limit bounds the fire rate a node sustains: with the
     * defaults (1,024 and 2 s) 16,384 timers carry 8,000 fires/s. Each costs a few hundred bytes.
     */
    private static final int AHEAD_FACTOR = 16;
    /**
     * State changes waiting for the journal may number this many times the concurrency limit (a few
     * hundred bytes each). Past it, new fires are recorded without a lease and go through the claim
     * query instead, which costs the database more; with too small a margin, a passing lag of the
     * journal pushed a busy node onto that path, where it fell further behind.
     */
    private static final int JOURNAL_FACTOR = 16;

    private final FireDueTasks fire;
    private final ClaimDueInstances claim;
    private final RecoverExpiredLeases recovery;
    private final LeaseKeeper leases;
    private final LocalRuns runs;
    private final InstanceJournal journal;
    private final ConcurrencyGate gate;
    private final Clock clock;
    private final Scheduler scheduler;
    private final NodeIdentity node;
    private final HandlerRegistry handlers;
    private final TaskfluxProperties.Scheduler settings;
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private Disposable.Composite loops = Disposables.composite();
    private volatile boolean running;
    private volatile boolean backlog;
    private final Disposable.Swap nextWake = Disposables.swap();
    private Instant nextWakeAt;

    Dispatcher(FireDueTasks fire, ClaimDueInstances claim, RecoverExpiredLeases recovery, LeaseKeeper leases,
               LocalRuns runs, InstanceJournal journal, ConcurrencyGate gate, Clock clock,
               Scheduler taskfluxScheduler, NodeIdentity node, TaskfluxProperties properties,
               HandlerRegistry handlers) {
        this.handlers = handlers;
        this.journal = journal;
        this.gate = gate;
        this.fire = fire;
        this.claim = claim;
        this.recovery = recovery;
        this.leases = leases;
        this.runs = runs;
        this.clock = clock;
        this.scheduler = taskfluxScheduler;
        this.node = node;
        this.settings = properties.scheduler();
    }

    /** Asks for a scheduling round now rather than at the next poll. Cheap; rounds coalesce. */
    public void wake() {
        wakeups.tryEmitNext(Boolean.TRUE);
    }

    /** Claims at once what was left unclaimed while this node could not run {@code event}'s handler. */
    @EventListener
    void handlerAvailable(HandlerAvailable event) {
        wake();
    }

    /**
     * Hands back what this node holds for {@code event}'s handler but has not started, now that it
     * cannot run it: the instances become claimable by any node, as if never claimed here.
     */
    @EventListener
    void handlerUnavailable(HandlerUnavailable event) {
        handBack(java.util.Set.of(event.handler())).subscribe(null,
                e -> log.warn("Could not hand back the instances of handler '{}'; their leases will expire instead",
                        event.handler(), e));
    }

    private Mono<Long> handBack(java.util.Set<String> handlers) {
        List<ClaimedInstance> unstarted = runs.releaseUnstarted(handlers);
        if (unstarted.isEmpty()) {
            return Mono.just(0L);
        }
        return leases.handBack(unstarted).doOnNext(released -> log.info(
                "Handed back {} instances of handlers {} this node cannot run now", released, handlers));
    }

    /** Stops the local runs of {@code ids}, if this node holds them. */
    public void stopLocal(Collection<UUID> ids) {
        ids.forEach(runs::cancel);
    }

    @Override
    public synchronized void start() {
        running = true;
        loops = Disposables.composite();
        if (!settings.enabled()) {
            log.info("Dispatcher disabled on node {}: this node serves the API only", node.id());
            return;
        }
        Mono<Long> ownLeases = (node.stable() ? leases.expireOwnLeases() : Mono.just(0L))
                .onErrorResume(e -> {
                    log.warn("Could not release this node's earlier leases; they will expire instead", e);
                    return Mono.just(0L);
                });
        loops.add(ownLeases.thenMany(Flux.merge(Flux.interval(Duration.ZERO, settings.pollInterval(), scheduler)
                                .map(tick -> Boolean.TRUE), wakeups.asFlux(),
                                runs.finished().filter(id -> backlog).map(id -> Boolean.TRUE))
                        .onBackpressureDrop()
                        .concatMap(tick -> round().timeout(ROUND_LIMIT).onErrorResume(this::logged), 1))
                .subscribe());
        loops.add(Flux.interval(settings.heartbeatInterval(), settings.heartbeatInterval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> maintain().onErrorResume(e -> {
                    log.warn("Lease maintenance failed; retrying at the next heartbeat", e);
                    return Mono.empty();
                }), 1)
                .subscribe());
        log.info("Dispatcher started on node {} (poll {}, lookahead {}, max concurrency {})", node.id(),
                settings.pollInterval(), settings.lookahead(), settings.maxConcurrency());
    }

    /** Fires and claims in batches until a round finds less than a full batch of either. */
    private Mono<Void> round() {
        return round(1);
    }

    /**
     * One round: fires in {@code lanes} concurrent transactions, each with its share of the room (they
     * lock different definitions, skipping the ones another has locked), then claims. While every
     * lane finds a full batch, the next round fires in as many lanes as the database takes
     * ({@link FireDueTasks#lanes()}): a backlog is then written over several connections, so the
     * database works on one batch while this node prepares the next, instead of one at a time.
     */
    private Mono<Void> round(int lanes) {
        Mono<Boolean> queued = backlog ? claimRound() : Mono.just(Boolean.FALSE);
        return queued.thenMany(Flux.defer(() -> {
                    Room share = room().share(lanes);
                    return Flux.range(0, lanes).flatMap(lane -> fire.fire(share)
                            .doOnNext(fired -> fired.claimed().forEach(runs::launch)), lanes);
                }))
                .reduce(Boolean.TRUE, (full, fired) -> full && fired.definitions() >= settings.batchSize())
                .flatMap(full -> claimRound().map(more -> new Backlog(full, more)))
                .flatMap(backlog -> backlog.full() ? Mono.defer(() -> round(fire.lanes()))
                        : backlog.claimable() ? Mono.defer(() -> round(1)) : Mono.empty());
    }

    /** What a round left behind: full batches of due definitions, and instances to claim. */
    private record Backlog(boolean full, boolean claimable) {
    }

    /**
     * Claims what fits; emits whether there may be more to claim right away. A claim that finds a
     * full batch or no room leaves a backlog: the next round then claims before it fires, so
     * instances left unclaimed take the room that runs free up before fires further ahead do.
     */
    private Mono<Boolean> claimRound() {
        Room room = room();
        return claim.claim(room).map(result -> {
            result.replaced().forEach(runs::cancel);
            result.instances().forEach(runs::launch);
            if (result.wakeAt() != null) {
                wakeAt(result.wakeAt());
            }
            boolean full = result.candidates() >= claim.limit(room);
            backlog = full || room.due() <= 0;
            return full && !result.instances().isEmpty();
        });
    }

    /**
     * How many more instances this node can take, as new fires or claims. Running and queued
     * instances count against the concurrency limit; state changes not yet written and instances
     * waiting on their timer for a near fire count against larger limits, so a slow database slows
     * claiming without starving fires that are due. Instances due now count against every limit;
     * those due later only against the limits on held instances and unwritten changes, since they
     * take no concurrency slot until due. A fire round that records many fires ahead (frequent
     * interval tasks over the lookahead) then claims them as it records them, instead of leaving all
     * but a concurrency limit's worth to the costlier claim query.
     */
    private Room room() {
        int active = gate.running() + gate.waiting();
        int limit = settings.maxConcurrency();
        int later = Math.min(JOURNAL_FACTOR * limit - journal.backlog(), AHEAD_FACTOR * limit - runs.held());
        return new Room(Math.min(limit - active, later), later);
    }

    /** Schedules one round at {@code at}, unless an earlier one is already pending. */
    private synchronized void wakeAt(Instant at) {
        Instant now = clock.instant();
        if (nextWakeAt != null && nextWakeAt.isAfter(now) && !at.isBefore(nextWakeAt)) {
            return;
        }
        nextWakeAt = at;
        long millis = Math.max(0, Duration.between(now, at).toMillis());
        nextWake.update(scheduler.schedule(this::wake, millis, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /**
     * Renews this node's leases and stops the runs whose lease it lost, hands back what it holds for
     * handlers it cannot run now (such as instances claimed as the last worker for them left), and
     * recovers expired leases.
     */
    private Mono<Void> maintain() {
        Mono<Long> handedBack = handBack(handlers.unavailable());
        java.util.Set<UUID> held = new java.util.HashSet<>(runs.ids());
        held.addAll(journal.unwritten());
        return handedBack.then(leases.heartbeat(held))
                .doOnNext(lost -> lost.forEach(runs::cancel))
                .then(recovery.recover())
                .doOnNext(recovered -> {
                    if (recovered > 0) {
                        log.warn("Recovered {} instances whose lease expired", recovered);
                        wake();
                    }
                })
                .then();
    }

    private Mono<Void> logged(Throwable error) {
        log.error("Scheduling round failed; retrying at the next poll", error);
        return Mono.empty();
    }

    @Override
    public synchronized void stop() {
        running = false;
        loops.dispose();
        nextWake.update(Disposables.disposed());
        nextWakeAt = null;
        runs.cancelAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
