package dev.taskflux.service.workflow.run;

import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps the leases of the runs executing here and resumes the runs no node holds (unless the
 * scheduler is disabled and this node only serves the API): at start-up (a node with a
 * stable id first lets its own earlier leases expire, so its runs resume at once) and every
 * heartbeat after, when another node's leases have expired. A run whose lease this node lost is
 * stopped here, unchanged, since another node executes it now. Every poll interval it applies the
 * requests other nodes stored for the runs it executes.
 */
final class RunRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final WorkflowEngine engine;
    private final RunStore store;
    private final Scheduler scheduler;
    private final NodeIdentity node;
    private final TaskfluxProperties.Scheduler settings;
    private final int batch;
    private Disposable loop;
    private Disposable requests;

    RunRecovery(WorkflowEngine engine, RunStore store, Scheduler scheduler, NodeIdentity node,
            TaskfluxProperties properties, WorkflowProperties workflow) {
        this.engine = engine;
        this.store = store;
        this.scheduler = scheduler;
        this.node = node;
        this.settings = properties.scheduler();
        this.batch = workflow.resumeBatch();
    }

    @Override
    public synchronized void start() {
        engine.started();
        boolean resumes = settings.enabled();
        Mono<Long> own = (resumes && node.stable() ? store.expireOwnLeases() : Mono.just(0L)).onErrorReturn(0L);
        loop = own.thenMany(Flux.interval(java.time.Duration.ZERO, settings.heartbeatInterval(), scheduler))
                .onBackpressureDrop()
                .concatMap(tick -> maintain(resumes).onErrorResume(e -> {
                    log.warn("Workflow lease maintenance failed; retrying at the next heartbeat", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
        requests = Flux.interval(settings.pollInterval(), settings.pollInterval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> engine.applyRequests().onErrorResume(e -> {
                    log.warn("Could not read requests for this node's workflow runs; retrying", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** Renews this node's leases and, unless it only serves the API, takes over orphaned runs. */
    private Mono<Void> maintain(boolean resumes) {
        Mono<Void> renew = store.heartbeat(engine.ids()).doOnNext(lost -> lost.forEach(engine::stopLocal)).then();
        if (!resumes) {
            return renew;
        }
        return renew.then(store.claimOrphans(batch))
                .flatMapIterable(ids -> ids)
                .concatMap(engine::resumeHere)
                .then();
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            requests.dispose();
        }
        engine.stopAll();
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }

    @Override
    public int getPhase() {
        // stops before the storage it writes to
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
