package dev.taskflux.service.workflow.run;

import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.StepType;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.workflow.definition.DefinitionLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The workflow runs this node executes, and the facade over all runs. A run executes on the node
 * holding its lease; the other nodes read it from the store. Steering a run no live node holds
 * (its node stopped) takes it over here first.
 */
public final class WorkflowEngine implements WorkflowRuns, ChildRuns {

    private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);
    /** How often a run executing elsewhere is read again while something waits for its end. */
    private static final Duration REMOTE_POLL = Duration.ofMillis(500);
    /** How long cancelling waits for the run to settle before answering with its state so far. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Map<UUID, LocalRun> local = new ConcurrentHashMap<>();
    private final RunStore store;
    private final EngineSupport support;
    private final DefinitionLookup definitions;
    private volatile boolean stopping;

    WorkflowEngine(RunStore store, EngineSupport support, DefinitionLookup definitions) {
        this.store = store;
        this.support = support;
        this.definitions = definitions;
    }

    @Override
    public Mono<WorkflowRun> start(WorkflowDefinition definition, Map<String, Object> inputs, UUID taskInstanceId) {
        return start(definition, inputs, taskInstanceId, null, null);
    }

    private Mono<WorkflowRun> start(WorkflowDefinition definition, Map<String, Object> inputs, UUID taskInstanceId,
            UUID parentRunId, String parentStepId) {
        return Mono.fromCallable(() -> {
            Map<String, Object> bound = InputBinding.bind(definition.spec(), inputs);
            Instant now = support.clock().instant();
            WorkflowRun run = new WorkflowRun(UUID.randomUUID(), definition.id(), definition.version(),
                    definition.spec().name(), definition.owner(), RunStatus.PENDING, bound,
                    definition.spec().steps().stream().map(s -> StepEdit.pending(s.id(), s.type())).toList(), null,
                    parentRunId, taskInstanceId, now, null, null, null);
            return new RunStore.StoredRun(run, definition.spec(), parentStepId);
        }).flatMap(stored -> store.insert(stored).then(Mono.fromSupplier(() -> launch(stored).state().snapshot())));
    }

    @Override
    public Mono<WorkflowRun> get(UUID runId) {
        LocalRun run = local.get(runId);
        if (run != null) {
            return Mono.just(run.state().snapshot());
        }
        return stored(runId).map(RunStore.StoredRun::run);
    }

    @Override
    public Flux<WorkflowRun> list(RunQuery query) {
        return store.list(query).map(run -> {
            LocalRun live = local.get(run.id());
            return live == null ? run : live.state().snapshot();
        });
    }

    @Override
    public Mono<Long> count(RunQuery query) {
        return store.count(query);
    }

    @Override
    public Mono<WorkflowRun> cancel(UUID runId) {
        return steer(runId, "cancel", request(runId, RunRequest.Kind.CANCEL, null, null))
                .flatMap(run -> awaitEnd(runId).timeout(SETTLE, Mono.defer(() -> get(runId)), support.scheduler()));
    }

    @Override
    public Mono<WorkflowRun> pause(UUID runId) {
        return steer(runId, "pause", request(runId, RunRequest.Kind.PAUSE, null, null));
    }

    @Override
    public Mono<WorkflowRun> resume(UUID runId) {
        return steer(runId, "resume", request(runId, RunRequest.Kind.RESUME, null, null));
    }

    @Override
    public Mono<WorkflowRun> signal(UUID runId, String stepId, Object payload) {
        return stored(runId).flatMap(stored -> {
            StepRun step = stored.run().steps().stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                    .orElse(null);
            if (step == null) {
                return Mono.error(new NotFoundException("step", runId + "/" + stepId));
            }
            LocalRun here = local.get(runId);
            if (here == null && (step.type() != StepType.SIGNAL || step.status() != StepStatus.WAITING)) {
                return Mono.error(new ConflictException(runId, "step '" + stepId + "' of run " + runId
                        + " is not waiting for a signal (it is " + step.status() + ")"));
            }
            return steer(runId, "signal step '" + stepId + "' of",
                    request(runId, RunRequest.Kind.SIGNAL, stepId, payload));
        });
    }

    @Override
    public Mono<WorkflowRun> awaitEnd(UUID runId) {
        LocalRun run = local.get(runId);
        if (run != null) {
            return run.ended().asMono();
        }
        return stored(runId).flatMap(stored -> stored.run().status().isFinal() ? Mono.just(stored.run())
                : Flux.interval(REMOTE_POLL, support.scheduler())
                        .concatMap(tick -> {
                            LocalRun now = local.get(runId);
                            return now != null ? now.ended().asMono() : stored(runId).map(RunStore.StoredRun::run);
                        })
                        .filter(found -> found.status().isFinal())
                        .next());
    }

    @Override
    public Mono<WorkflowRun> run(RunState parent, String stepId, String reference, Map<String, Object> inputs) {
        AtomicReference<UUID> child = new AtomicReference<>();
        return store.childOf(parent.id(), stepId)
                .switchIfEmpty(Mono.defer(() -> definitions.latest(parent.owner(), reference)
                        .switchIfEmpty(Mono.error(new StepFailure("no workflow '" + reference + "' of owner '"
                                + parent.owner() + "'")))
                        .flatMap(definition -> start(definition, inputs, null, parent.id(), stepId))
                        .onErrorMap(InvalidArgumentException.class, e -> new StepFailure(e.getMessage()))
                        .map(WorkflowRun::id)))
                .doOnNext(child::set)
                .flatMap(this::awaitEnd)
                .doOnCancel(() -> {
                    UUID id = child.getAndSet(null);
                    if (id != null && !stopping) {
                        cancel(id).subscribe(ended -> { }, error -> log.warn("Could not cancel child run {}", id, error));
                    }
                });
    }

    /** Starts executing a stored run here, resuming it from its stored state; the local run. */
    LocalRun launch(RunStore.StoredRun stored) {
        RunState state = new RunState(stored.run(), stored.spec(), stored.parentStepId());
        LocalRun run = new LocalRun(state, new RunExecution(state, support, this));
        LocalRun existing = local.putIfAbsent(state.id(), run);
        if (existing != null) {
            return existing;
        }
        run.start(support.scheduler(), ended -> {
            local.remove(state.id(), run);
            run.ended().tryEmitValue(ended);
        }, () -> local.remove(state.id(), run));
        return run;
    }

    /** Ids of the runs executing here. */
    Set<UUID> ids() {
        return Set.copyOf(local.keySet());
    }

    /** Stops executing {@code runId} here without changing its state: another node holds it now. */
    void stopLocal(UUID runId) {
        LocalRun run = local.remove(runId);
        if (run != null) {
            run.dispose();
        }
    }

    /** Stops every local run without changing its state, for shutdown; they resume from the store. */
    void stopAll() {
        stopping = true;
        local.keySet().forEach(this::stopLocal);
    }

    /** Takes back the ability to start runs after {@link #stopAll()}. */
    void started() {
        stopping = false;
    }

    /** Resumes the stored run {@code runId} here, unless it already runs here. */
    Mono<Void> resumeHere(UUID runId) {
        return store.find(runId).filter(stored -> !stored.run().status().isFinal())
                .doOnNext(stored -> {
                    log.info("Resuming workflow run {} ({})", runId, stored.run().status());
                    launch(stored);
                })
                .then();
    }

    /**
     * Applies {@code request} to the run: at once when it executes here (or no live node holds it,
     * so it is taken over here); otherwise stored for the node executing it, answering with the
     * run as stored. Either way the answer comes once the request, or what it changed, is stored.
     */
    private Mono<WorkflowRun> steer(UUID runId, String verb, RunRequest request) {
        return Mono.defer(() -> {
            LocalRun run = local.get(runId);
            if (run != null) {
                return act(run, verb, request);
            }
            return stored(runId).flatMap(stored -> {
                if (stored.run().status().isFinal()) {
                    return Mono.error(conflict(runId, verb, stored.run().status()));
                }
                return store.claim(runId).flatMap(claimed -> {
                    if (!claimed) {
                        return store.request(request).thenReturn(stored.run());
                    }
                    if (request.kind() == RunRequest.Kind.SIGNAL) {
                        // the resumed step waits for its signal only once the run has started again
                        return store.request(request).then(Mono.fromSupplier(() -> launch(stored).state().snapshot()));
                    }
                    return act(launch(stored), verb, request);
                });
            });
        });
    }

    private Mono<WorkflowRun> act(LocalRun run, String verb, RunRequest request) {
        if (!request.applyTo(run.execution())) {
            return Mono.error(conflict(run.state().id(), verb, run.state().status()));
        }
        return support.journal().written().then(Mono.fromSupplier(() -> run.state().snapshot()));
    }

    private RunRequest request(UUID runId, RunRequest.Kind kind, String stepId, Object payload) {
        return new RunRequest(UUID.randomUUID(), runId, kind, stepId, payload, support.clock().instant());
    }

    /**
     * Applies the requests stored for runs executing here, oldest first, and forgets them once what
     * they changed is stored. A signal for a step that has not begun waiting again (its run just
     * resumed) stays stored for the next round.
     */
    Mono<Void> applyRequests() {
        if (local.isEmpty()) {
            return Mono.empty();
        }
        return store.pendingRequests().flatMap(requests -> {
            List<UUID> settled = new ArrayList<>();
            for (RunRequest request : requests) {
                LocalRun run = local.get(request.runId());
                if (run != null && request.applyTo(run.execution())) {
                    settled.add(request.id());
                } else if (run != null && request.kind() == RunRequest.Kind.SIGNAL && awaits(run, request.stepId())) {
                    log.debug("Signal for step {} of workflow run {} waits for the step", request.stepId(), request.runId());
                } else if (run != null) {
                    log.info("Request to {} workflow run {} no longer applies", request.kind(), request.runId());
                    settled.add(request.id());
                }
            }
            return settled.isEmpty() ? Mono.<Void>empty() : support.journal().written().then(store.forgetRequests(settled));
        });
    }

    /** Whether step {@code stepId} of {@code run} may still wait for a signal. */
    private static boolean awaits(LocalRun run, String stepId) {
        StepRun step = run.state().step(stepId);
        return step != null && !step.status().isFinal() && !run.state().status().isFinal();
    }

    private Mono<RunStore.StoredRun> stored(UUID runId) {
        return store.find(runId).switchIfEmpty(Mono.error(() -> new NotFoundException("workflow run", runId)));
    }

    private static ConflictException conflict(UUID runId, String verb, RunStatus status) {
        return new ConflictException(runId, "cannot " + verb + " run " + runId + " while it is " + status);
    }
}
