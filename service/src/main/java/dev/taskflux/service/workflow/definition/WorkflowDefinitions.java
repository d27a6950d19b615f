package dev.taskflux.service.workflow.definition;

import dev.taskflux.api.TaskSpecValidator;
import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepType;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.task.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Stored workflow definitions: create, read (latest or any version), list, edit (each edit is a
 * new version under the same id) and delete. Deleting hides a definition from every read except
 * {@link #version}, so runs already started finish on the version they run and stay readable.
 */
@Service
public class WorkflowDefinitions implements DefinitionLookup {

    private final WorkflowDefinitionStore store;
    private final WorkflowDefinitionValidator validator;
    private final Clock clock;

    WorkflowDefinitions(WorkflowDefinitionStore store, WorkflowDefinitionValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    /** Validates {@code spec} and stores it as version 1 of a new definition of {@code owner}. */
    public Mono<WorkflowDefinition> create(String owner, WorkflowSpec spec) {
        UUID id = UUID.randomUUID();
        return checked(owner, spec, id)
                .then(Mono.fromSupplier(() -> new WorkflowDefinition(id, 1, owner, spec, clock.instant())))
                .flatMap(store::insert);
    }

    /** The latest version of definition {@code id}; fails with {@link NotFoundException}. */
    public Mono<WorkflowDefinition> find(UUID id) {
        return store.latest(id).switchIfEmpty(Mono.error(() -> new NotFoundException("workflow", id)));
    }

    /** Version {@code version} of the live definition {@code id}; fails with {@link NotFoundException}. */
    public Mono<WorkflowDefinition> find(UUID id, int version) {
        return store.version(id, version, false)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("workflow", id + " version " + version)));
    }

    /** A page of live definitions at their latest version. */
    public Mono<Page<WorkflowDefinition>> list(WorkflowQuery query) {
        return store.list(query).collectList().zipWith(store.count(query),
                (items, total) -> new Page<>(items, query.page(), query.size(), total));
    }

    /**
     * Validates {@code spec} and stores it as the next version of definition {@code id}; the
     * owner never changes.
     */
    public Mono<WorkflowDefinition> update(UUID id, String owner, WorkflowSpec spec) {
        return Mono.defer(() -> find(id).flatMap(current -> {
                    if (owner != null && !owner.equals(current.owner())) {
                        return Mono.error(InvalidArgumentException.of("owner",
                                "cannot change from '" + current.owner() + "' to '" + owner + "'"));
                    }
                    WorkflowDefinition next = new WorkflowDefinition(id, current.version() + 1, current.owner(), spec,
                            clock.instant());
                    return checked(current.owner(), spec, id).then(store.addVersion(next))
                            .flatMap(ok -> ok ? Mono.just(next) : Mono.error(new StaleVersion()));
                }))
                .retryWhen(Retry.max(20).filter(StaleVersion.class::isInstance));
    }

    /** Deletes definition {@code id}: it can no longer be read, listed or started; runs keep their version. */
    public Mono<Void> delete(UUID id) {
        return store.markDeleted(id, clock.instant())
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(new NotFoundException("workflow", id)));
    }

    @Override
    public Mono<WorkflowDefinition> version(UUID id, int version) {
        return store.version(id, version, true);
    }

    @Override
    public Mono<WorkflowDefinition> latest(String owner, String reference) {
        UUID id = asUuid(reference);
        return id != null ? store.latest(id) : store.latestByName(owner, reference);
    }

    /** Every check of a definition: its owner, the validator's, and that the workflows its steps run exist. */
    private Mono<Void> checked(String owner, WorkflowSpec spec, UUID id) {
        return Mono.fromRunnable(() -> owner(owner))
                .then(Mono.fromRunnable(() -> validator.validate(spec)))
                .then(subWorkflows(owner, spec, id));
    }

    private static void owner(String owner) {
        if (owner.length() > TaskSpecValidator.MAX_TEXT || owner.indexOf('\0') >= 0) {
            throw InvalidArgumentException.of("owner",
                    "must be at most " + TaskSpecValidator.MAX_TEXT + " characters without NUL");
        }
    }

    /** Reports each SUB_WORKFLOW step naming a workflow that does not exist, or this one. */
    private Mono<Void> subWorkflows(String owner, WorkflowSpec spec, UUID id) {
        List<Mono<FieldViolation>> checks = new ArrayList<>();
        for (int i = 0; i < spec.steps().size(); i++) {
            StepSpec step = spec.steps().get(i);
            if (step == null || step.type() != StepType.SUB_WORKFLOW || step.workflow() == null) {
                continue;
            }
            String field = "steps[" + i + "].workflow";
            String ref = step.workflow();
            FieldViolation itself = new FieldViolation(field, "step '" + step.id() + "' runs its own workflow");
            if (ref.equals(spec.name()) || ref.equals(id.toString())) {
                checks.add(Mono.just(itself));
                continue;
            }
            checks.add(latest(owner, ref)
                    .map(found -> Optional.ofNullable(found.id().equals(id) ? itself : null))
                    .defaultIfEmpty(Optional.of(new FieldViolation(field,
                            "step '" + step.id() + "' runs unknown workflow '" + ref + "'")))
                    .flatMap(Mono::justOrEmpty));
        }
        return Flux.concat(checks).collectList()
                .flatMap(found -> found.isEmpty() ? Mono.empty() : Mono.error(new InvalidArgumentException(found)));
    }

    private static UUID asUuid(String reference) {
        try {
            return reference != null && reference.length() == 36 ? UUID.fromString(reference) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Somebody else stored a version between our read and our write. */
    private static final class StaleVersion extends RuntimeException {
        StaleVersion() {
            super(null, null, false, false);
        }
    }
}
