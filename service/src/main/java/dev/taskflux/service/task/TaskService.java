package dev.taskflux.service.task;

import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.TaskStatus;
import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.service.dependency.DependencyGate;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.execution.Dispatcher;
import dev.taskflux.service.execution.InstanceInserts;
import dev.taskflux.service.execution.NewInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The lifecycle of task definitions: create, change, pause, resume, trigger, cancel, delete. Each
 * change is written first and announced after, as a lifecycle event.
 */
@Service
public class TaskService {

    private final TaskStore store;
    private final TaskValidation validation;
    private final InstanceInserts inserts;
    private final InstanceCancellation cancellation;
    private final InstanceQueries instances;
    private final LifecycleEvents events;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final TransactionalOperator tx;
    private final DependencyGate dependencies;

    TaskService(TaskStore store, TaskValidation validation, InstanceInserts inserts, InstanceCancellation cancellation,
                InstanceQueries instances, LifecycleEvents events, Dispatcher dispatcher, Clock clock,
                TransactionalOperator tx, DependencyGate dependencies) {
        this.dependencies = dependencies;
        this.store = store;
        this.validation = validation;
        this.inserts = inserts;
        this.cancellation = cancellation;
        this.instances = instances;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.tx = tx;
    }

    /** Validates and stores a new definition, scheduling its first fire. */
    public Mono<TaskDefinition> create(TaskSpec spec) {
        UUID id = UUID.randomUUID();
        return validation.checked(id, spec).then(Mono.fromCallable(() -> {
            Instant now = clock.instant();
            Instant next = NextFire.from(spec, 0, now, true).orElse(null);
            return new TaskDefinition(id, spec, next == null ? TaskStatus.COMPLETED : TaskStatus.ACTIVE,
                    next, 0, 1, now, now);
        })).flatMap(d -> tx.transactional(store.insert(d).flatMap(saved -> record(EventType.TASK_CREATED, saved, Map.of()))))
                .doOnNext(d -> dispatcher.wake());
    }

    /** The definition with {@code id}; fails with {@link NotFoundException}. */
    public Mono<TaskDefinition> find(UUID id) {
        return store.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("task", id)));
    }

    /** A page of definitions. */
    public Mono<Page<TaskDefinition>> list(TaskQuery query) {
        return store.list(query).collectList().zipWith(store.count(query),
                (items, total) -> new Page<>(items, query.page(), query.size(), total));
    }

    /** Applies {@code change} to the spec, validates it and reschedules from now. */
    public Mono<TaskDefinition> update(UUID id, UnaryOperator<TaskSpec> change) {
        Mono<Void> references = find(id).flatMap(current -> current.status() == TaskStatus.CANCELLED ? Mono.empty()
                : validation.checked(id, change.apply(current.spec())));
        return references.then(modify(id, current -> {
            requireNot(current, TaskStatus.CANCELLED, "updated");
            TaskSpec spec = change.apply(current.spec());
            validation.validate(spec);
            if (current.status() == TaskStatus.PAUSED) {
                return changed(current, spec, TaskStatus.PAUSED, null);
            }
            boolean triggerChanged = !Objects.equals(spec.trigger(), current.spec().trigger());
            Instant next = NextFire.from(spec, current.runCount(), clock.instant(), triggerChanged).orElse(null);
            return changed(current, spec, next == null ? TaskStatus.COMPLETED : TaskStatus.ACTIVE, next);
        }, EventType.TASK_UPDATED));
    }

    /** Stops firing until resumed; running instances finish. */
    public Mono<TaskDefinition> pause(UUID id) {
        return modify(id, current -> {
            if (current.status() == TaskStatus.PAUSED) {
                return current;
            }
            requireStatus(current, TaskStatus.ACTIVE, "paused");
            return changed(current, current.spec(), TaskStatus.PAUSED, null);
        }, EventType.TASK_PAUSED);
    }

    /** Fires again from now on; fires due while paused are not made up. */
    public Mono<TaskDefinition> resume(UUID id) {
        return modify(id, current -> {
            if (current.status() == TaskStatus.ACTIVE) {
                return current;
            }
            requireStatus(current, TaskStatus.PAUSED, "resumed");
            Instant next = NextFire.from(current.spec(), current.runCount(), clock.instant(), false).orElse(null);
            return changed(current, current.spec(), next == null ? TaskStatus.COMPLETED : TaskStatus.ACTIVE, next);
        }, EventType.TASK_RESUMED).doOnNext(d -> dispatcher.wake());
    }

    /** Stops the schedule for good and cancels the definition's unfinished instances. */
    public Mono<TaskDefinition> cancel(UUID id) {
        return modify(id, current -> current.status() == TaskStatus.CANCELLED ? current
                        : changed(current, current.spec(), TaskStatus.CANCELLED, null), EventType.TASK_CANCELLED)
                .flatMap(d -> cancellation.cancelAll(d.id(), d.spec().owner(), "task cancelled").thenReturn(d));
    }

    /** Removes the definition and its history, cancelling whatever still runs. */
    public Mono<Void> delete(UUID id) {
        return find(id).flatMap(d -> cancellation.cancelAll(id, d.spec().owner(), "task deleted")
                .then(tx.transactional(store.delete(id)
                        .filter(deleted -> deleted)
                        .flatMap(deleted -> record(EventType.TASK_DELETED, d, Map.of()))))).then();
    }

    /** Records one run now, outside the schedule; emits the new instance. */
    public Mono<TaskInstance> trigger(UUID id) {
        return find(id).flatMap(d -> {
            requireNot(d, TaskStatus.CANCELLED, "triggered");
            Instant now = clock.instant();
            NewInstance instance = new NewInstance(UUID.randomUUID(), d, FireKind.MANUAL, now, false);
            LifecycleEvent pending = new LifecycleEvent(EventType.INSTANCE_PENDING, now, d.spec().owner(), d.id(),
                    instance.id(), Map.of("kind", FireKind.MANUAL.name()));
            Mono<Void> held = store.holdAgainstDelete(id).flatMap(exists -> exists ? Mono.<Void>empty()
                    : Mono.error(new NotFoundException("task", id)));
            return tx.transactional(held.then(inserts.insert(List.of(instance), now).collectList())
                            .flatMap(dependencies::hold).then(events.record(pending)))
                    .then(instances.find(instance.id()))
                    .doOnNext(i -> dispatcher.wake());
        });
    }

    /** A page of a definition's instances. */
    public Mono<Page<TaskInstance>> instances(UUID id, InstanceStatus status, int page, int size) {
        return find(id).flatMap(d -> instances.history(id, status, page, size).collectList()
                .zipWith(instances.count(id, status), (items, total) -> new Page<>(items, page, size, total)));
    }

    /** The instance with {@code id}; fails with {@link NotFoundException}. */
    public Mono<TaskInstance> instance(UUID id) {
        return instances.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("instance", id)));
    }

    /** Cancels one unfinished instance, stopping it if it runs. */
    public Mono<TaskInstance> cancelInstance(UUID id) {
        return instance(id).flatMap(i -> cancellation.cancelOne(id, i.owner(), "cancelled by request")
                .flatMap(n -> n > 0 ? instance(id) : instance(id).flatMap(now -> Mono.error(new ConflictException(id,
                        "instance " + id + " is already " + now.status() + " and cannot be cancelled")))));
    }

    private Mono<TaskDefinition> modify(UUID id, UnaryOperator<TaskDefinition> change, EventType event) {
        return Mono.defer(() -> find(id).flatMap(current -> {
                    TaskDefinition next = change.apply(current);
                    if (next == current) {
                        return Mono.just(current);
                    }
                    boolean labels = !next.spec().labels().equals(current.spec().labels());
                    return tx.transactional(store.replace(next, labels).flatMap(ok -> ok
                            ? record(event, next, Map.of("status", next.status().name()))
                            : Mono.error(new StaleVersion())));
                }))
                .retryWhen(Retry.max(20).filter(StaleVersion.class::isInstance));
    }

    private TaskDefinition changed(TaskDefinition d, TaskSpec spec, TaskStatus status, Instant next) {
        return new TaskDefinition(d.id(), spec, status, next, d.runCount(), d.version() + 1, d.createdAt(),
                clock.instant());
    }

    private static void requireStatus(TaskDefinition d, TaskStatus required, String action) {
        if (d.status() != required) {
            throw new ConflictException(d.id(), "task " + d.id() + " is " + d.status() + "; only " + required
                    + " tasks can be " + action);
        }
    }

    private static void requireNot(TaskDefinition d, TaskStatus forbidden, String action) {
        if (d.status() == forbidden) {
            throw new ConflictException(d.id(), "task " + d.id() + " is " + forbidden + " and cannot be " + action);
        }
    }

    private Mono<TaskDefinition> record(EventType type, TaskDefinition d, Map<String, Object> payload) {
        return events.record(new LifecycleEvent(type, clock.instant(), d.spec().owner(), d.id(), null, payload))
                .thenReturn(d);
    }

    /** Somebody else changed the definition between our read and our write. */
    private static final class StaleVersion extends RuntimeException {
        StaleVersion() {
            super(null, null, false, false);
        }
    }
}
