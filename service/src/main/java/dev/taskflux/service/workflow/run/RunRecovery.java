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
 * Keeps this node's runs leased and resumes the runs no node holds: at start-up (a node with a
 * stable id first lets its own earlier leases expire, so its runs resume at once) and every
 * heartbeat after, when another node's leases have expired. A run whose lease this node lost is
 * stopped here, unchanged, since another node executes it now.
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
        if (!settings.enabled()) {
            return;
        }
        Mono<Long> own = (node.stable() ? store.expireOwnLeases() : Mono.just(0L)).onErrorReturn(0L);
        loop = own.thenMany(Flux.interval(java.time.Duration.ZERO, settings.heartbeatInterval(), scheduler))
                .onBackpressureDrop()
                .concatMap(tick -> maintain().onErrorResume(e -> {
                    log.warn("Workflow lease maintenance failed; retrying at the next heartbeat", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    private Mono<Void> maintain() {
        return store.heartbeat(engine.ids())
                .doOnNext(lost -> lost.forEach(engine::stopLocal))
                .then(store.claimOrphans(batch))
                .flatMapIterable(ids -> ids)
                .concatMap(engine::resumeHere)
                .then();
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
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
