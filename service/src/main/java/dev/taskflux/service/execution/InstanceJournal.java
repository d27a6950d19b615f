package dev.taskflux.service.execution;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Writes the state changes of running instances in batches, one transaction per batch, each change
 * fenced by the lease and attempt it expects. Events are published after the batch commits, and
 * only for changes that applied.
 */
@Component
class InstanceJournal implements Transitions, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InstanceJournal.class);
    private static final Duration MAX_WAIT = Duration.ofMillis(5);
    private static final String UPDATE = "UPDATE task_instance SET status = $1, attempt = $2, due_at = $3, "
            + "started_at = COALESCE(started_at, $4), finished_at = $5, result = $6, error = $7, attempts = $8 "
            + "WHERE id = $9 AND lease_owner = $10 AND attempt = $11 AND status IN ($12, $13)";

    private final Sinks.Many<Transition> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final LifecycleEvents events;
    private final JsonCodec json;
    private final String node;
    private final Disposable writer;

    InstanceJournal(DatabaseClient db, TransactionalOperator tx, LifecycleEvents events, JsonCodec json,
                    NodeIdentity node, TaskfluxProperties properties) {
        this.db = db;
        this.tx = tx;
        this.events = events;
        this.json = json;
        this.node = node.id();
        this.writer = queue.asFlux()
                .bufferTimeout(properties.scheduler().batchSize(), MAX_WAIT, true)
                .concatMap(this::write)
                .subscribe();
    }

    @Override
    public void record(Transition transition) {
        queue.emitNext(transition, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    private Mono<Void> write(List<Transition> batch) {
        List<Transition> merged = new ArrayList<>(coalesce(batch).values());
        return tx.transactional(Sql.batch(db, UPDATE, merged, (b, t) -> b
                        .next(t.status().name()).next(t.attempt()).instant(t.dueAt()).instant(t.startedAt())
                        .instant(t.finishedAt()).string(t.result()).string(t.error()).string(json.write(t.attempts()))
                        .next(t.id()).next(node).next(t.expectedAttempt())
                        .next(first(t.expectedStatus())).next(last(t.expectedStatus())))
                        .collectList())
                .retryWhen(Retry.backoff(5, Duration.ofMillis(100)))
                .doOnNext(counts -> publishApplied(batch, merged, counts))
                .onErrorResume(e -> {
                    log.error("Lost {} instance state changes; their leases will expire and be recovered", batch.size(), e);
                    return Mono.empty();
                })
                .then();
    }

    private static Map<UUID, Transition> coalesce(List<Transition> batch) {
        Map<UUID, Transition> merged = new LinkedHashMap<>();
        for (Transition t : batch) {
            merged.merge(t.id(), t, (earlier, later) -> later.after(earlier));
        }
        return merged;
    }

    private void publishApplied(List<Transition> batch, List<Transition> merged, List<Long> counts) {
        java.util.Set<UUID> applied = new java.util.HashSet<>();
        for (int i = 0; i < merged.size(); i++) {
            if (counts.get(i) > 0) {
                applied.add(merged.get(i).id());
            }
        }
        for (Transition t : batch) {
            if (applied.contains(t.id())) {
                events.publish(new LifecycleEvent(t.event(), t.at(), t.instance().owner(),
                        t.instance().definitionId(), t.id(), t.payload()));
            }
        }
    }

    private static String first(java.util.Set<InstanceStatus> statuses) {
        return statuses.iterator().next().name();
    }

    private static String last(java.util.Set<InstanceStatus> statuses) {
        Iterator<InstanceStatus> it = statuses.iterator();
        InstanceStatus last = it.next();
        while (it.hasNext()) {
            last = it.next();
        }
        return last.name();
    }

    @Override
    public void destroy() {
        queue.tryEmitComplete();
        writer.dispose();
    }
}
