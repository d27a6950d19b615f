package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.FailurePolicy;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.StepType;
import dev.taskflux.api.workflow.WorkflowGraph;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The Reactor pipeline of one run over its DAG. Steps whose dependencies have finished are emitted
 * into one stream and run in parallel through {@code flatMap}; each finished step releases its
 * dependents, so branches fork and join. The run is one subscription: a stop (cancel, run timeout,
 * a failure under FAIL_FAST) cancels every running step at once, after which the run's outcome is
 * settled and completed steps are compensated.
 */
final class RunExecution {

    /** Why a run stops before its steps are done. */
    enum Stop { CANCELLED, TIMED_OUT, FAILED }

    static final String CANCELLED = "run cancelled";

    private final RunState state;
    private final EngineSupport support;
    private final Map<String, StepSpec> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final List<String> order;
    private final Map<StepType, StepRunner> runners = new EnumMap<>(StepType.class);
    private final SignalStep signals = new SignalStep();
    private final RunCompensation compensation;
    private final Sinks.Many<String> ready = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Stop> stop = Sinks.one();
    private final Map<String, Integer> waiting = new HashMap<>();
    private final Deque<String> held = new ArrayDeque<>();
    private int open;
    private boolean paused;
    private Stop stopped;
    private String failure;

    RunExecution(RunState state, EngineSupport support, ChildRuns children) {
        this.state = state;
        this.support = support;
        for (StepSpec step : state.spec().steps()) {
            byId.put(step.id(), step);
            step.dependsOn().forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(step.id()));
        }
        this.order = WorkflowGraph.of(state.spec()).topologicalOrder();
        runners.put(StepType.TASK, new TaskStep());
        runners.put(StepType.CONDITION, new ConditionStep());
        runners.put(StepType.WAIT, new WaitStep());
        runners.put(StepType.SIGNAL, signals);
        runners.put(StepType.MAP, new MapStep());
        runners.put(StepType.PIPELINE, new PipelineStep());
        runners.put(StepType.SUB_WORKFLOW, new SubWorkflowStep(children));
        this.compensation = new RunCompensation(state, support, order);
    }

    /** Runs to a final state and emits the run as it ended; never errors. Resumes from the stored state. */
    Mono<WorkflowRun> run() {
        return Mono.defer(() -> {
            begin();
            return ready.asFlux()
                    .flatMap(this::execute, Integer.MAX_VALUE)
                    .takeUntilOther(Flux.merge(stop.asMono(), deadline()))
                    .then(Mono.defer(this::finish));
        });
    }

    /** Stops the run: running steps are cancelled, completed ones compensated. Whether it was running. */
    synchronized boolean cancel() {
        return requestStop(Stop.CANCELLED, CANCELLED);
    }

    /** No new step starts until {@link #resume()}; whether the run was running. */
    synchronized boolean pause() {
        if (stopped != null || (state.status() != RunStatus.RUNNING && state.status() != RunStatus.PENDING)) {
            return false;
        }
        paused = true;
        header(RunStatus.PAUSED, null, EventType.WORKFLOW_RUN_PAUSED);
        return true;
    }

    /** Starts the steps held while paused; whether the run was paused. */
    synchronized boolean resume() {
        if (stopped != null || state.status() != RunStatus.PAUSED) {
            return false;
        }
        paused = false;
        header(RunStatus.RUNNING, null, EventType.WORKFLOW_RUN_RESUMED);
        while (!held.isEmpty()) {
            ready.tryEmitNext(held.poll());
        }
        return true;
    }

    /** Completes the waiting SIGNAL step {@code stepId} with {@code payload}; whether it was waiting. */
    synchronized boolean signal(String stepId, Object payload) {
        StepRun step = state.step(stepId);
        return stopped == null && step != null && step.type() == StepType.SIGNAL
                && step.status() == StepStatus.WAITING && signals.deliver(stepId, payload);
    }

    private synchronized void begin() {
        Instant now = support.clock().instant();
        if (state.deadline() == null && state.spec().timeout() != null) {
            state.deadline(now.plus(state.spec().timeout()));
        }
        if (state.status() == RunStatus.PENDING) {
            header(RunStatus.RUNNING, null, EventType.WORKFLOW_RUN_STARTED);
        }
        paused = state.status() == RunStatus.PAUSED;
        List<String> free = new ArrayList<>();
        for (String id : order) {
            if (state.step(id).status().isFinal()) {
                continue;
            }
            open++;
            int unfinished = (int) byId.get(id).dependsOn().stream()
                    .filter(dep -> !state.step(dep).status().isFinal()).count();
            waiting.put(id, unfinished);
            if (unfinished == 0) {
                free.add(id);
            }
        }
        if (open == 0) {
            ready.tryEmitComplete();
        }
        if (state.spec().failurePolicy() == FailurePolicy.FAIL_FAST && state.any(StepStatus.FAILED)) {
            requestStop(Stop.FAILED, UnfinishedSteps.firstFailure(state, order)); // a node stopped while failing fast
            return;
        }
        free.forEach(this::decide);
    }

    private Mono<Stop> deadline() {
        Instant deadline = state.deadline();
        if (deadline == null) {
            return Mono.never();
        }
        Duration left = Duration.between(support.clock().instant(), deadline);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left, support.scheduler())
                .flatMap(tick -> {
                    requestStop(Stop.TIMED_OUT, "run timed out after " + state.spec().timeout());
                    return Mono.never();
                });
    }

    private Mono<Void> execute(String id) {
        StepCall call = new StepCall(state, byId.get(id), support);
        return Mono.defer(() -> runners.get(call.step().type()).run(call))
                .map(Outcome::completed)
                .defaultIfEmpty(Outcome.completed(null))
                .onErrorResume(error -> Mono.just(Outcome.failed(error)))
                .doOnNext(outcome -> settle(call, outcome))
                .then();
    }

    private synchronized void settle(StepCall call, Outcome outcome) {
        if (call.state().status().isFinal()) {
            return; // stopped by the run while its outcome was on the way
        }
        Instant now = support.clock().instant();
        StepStatus status = outcome.reason() == null ? StepStatus.COMPLETED : StepStatus.FAILED;
        Map<String, Object> details = outcome.reason() == null ? Map.of() : Map.of("error", outcome.reason());
        call.record(e -> e.status(status).started(now).finished(now).output(outcome.output()).error(outcome.reason()),
                status == StepStatus.COMPLETED ? EventType.WORKFLOW_STEP_COMPLETED : EventType.WORKFLOW_STEP_FAILED,
                details);
        if (status == StepStatus.FAILED && state.spec().failurePolicy() == FailurePolicy.FAIL_FAST) {
            requestStop(Stop.FAILED, "step '" + call.step().id() + "' failed: " + outcome.reason());
        }
        finished(call.step().id());
    }

    /** A step reached a final state: its dependents whose dependencies are all final are decided. */
    private void finished(String id) {
        open--;
        for (String dependent : dependents.getOrDefault(id, List.of())) {
            if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                decide(dependent);
            }
        }
        if (open == 0) {
            ready.tryEmitComplete();
        }
    }

    /** Starts, holds or skips {@code id}, whose dependencies have all finished. */
    private void decide(String id) {
        StepSpec step = byId.get(id);
        String reason = Readiness.skipReason(step, state::step, byId);
        if (reason != null) {
            skip(id, reason);
        } else if (stopped != null) {
            return;
        } else if (paused) {
            held.add(id);
        } else {
            ready.tryEmitNext(id);
        }
    }

    private void skip(String id, String reason) {
        Instant now = support.clock().instant();
        new StepCall(state, byId.get(id), support).record(e -> e.status(StepStatus.SKIPPED).finished(now).error(reason),
                EventType.WORKFLOW_STEP_SKIPPED, Map.of("reason", reason));
        finished(id);
    }

    private synchronized boolean requestStop(Stop reason, String message) {
        if (stopped != null || state.status().isFinal()) {
            return false;
        }
        stopped = reason;
        failure = message;
        stop.tryEmitValue(reason);
        return true;
    }

    /** Settles the run once its stream has ended: unfinished steps stopped, compensation, final state. */
    private Mono<WorkflowRun> finish() {
        RunStatus outcome;
        String error;
        synchronized (this) {
            if (state.status() == RunStatus.COMPENSATING) {
                outcome = CANCELLED.equals(state.error()) ? RunStatus.CANCELLED : RunStatus.FAILED;
                error = state.error();
            } else {
                UnfinishedSteps.stop(state, support, byId, order, stopped == Stop.CANCELLED,
                        failure != null ? failure : "the run stopped");
                outcome = stopped == Stop.CANCELLED ? RunStatus.CANCELLED
                        : stopped != null || state.any(StepStatus.FAILED) ? RunStatus.FAILED : RunStatus.COMPLETED;
                error = failure != null ? failure : outcome == RunStatus.FAILED ? UnfinishedSteps.firstFailure(state, order) : null;
            }
        }
        Mono<Void> undo = outcome == RunStatus.COMPLETED ? Mono.empty()
                : compensation.run(() -> header(RunStatus.COMPENSATING, error, EventType.WORKFLOW_RUN_COMPENSATING));
        return undo.then(Mono.defer(() -> {
            EventType event = switch (outcome) {
                case COMPLETED -> EventType.WORKFLOW_RUN_COMPLETED;
                case CANCELLED -> EventType.WORKFLOW_RUN_CANCELLED;
                default -> EventType.WORKFLOW_RUN_FAILED;
            };
            return support.journal().recordAndWait(headerChange(outcome, error, event));
        })).then(Mono.fromSupplier(state::snapshot));
    }

    private void header(RunStatus status, String error, EventType event) {
        synchronized (state) {
            support.journal().record(headerChange(status, error, event));
        }
    }

    private RunChange headerChange(RunStatus status, String error, EventType event) {
        Instant now = support.clock().instant();
        state.status(status, error, now);
        Map<String, Object> details = error == null ? Map.of("workflowId", state.workflowId().toString())
                : Map.of("workflowId", state.workflowId().toString(), "error", error);
        return state.headerChange(new LifecycleEvent(event, now, state.owner(), null, null, state.id(), null, details));
    }

    /** How a step's work ended: an output, or a failure with its reason (and maybe an output). */
    private record Outcome(Object output, String reason) {

        static Outcome completed(Object output) {
            return new Outcome(output, null);
        }

        static Outcome failed(Throwable error) {
            Object output = error instanceof StepFailure failure ? failure.output() : null;
            return new Outcome(output, StepFailure.reason(error));
        }
    }
}
