package dev.taskflux.service.workflow.run;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.NonRetryableException;
import dev.taskflux.service.handler.TaskHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * One execution of one step: what a {@link StepRunner} reads (the step, the run, the services) and
 * how it reports the step's state as it changes. Every report is applied to the run's state and
 * queued for writing.
 */
final class StepCall {

    private final RunState run;
    private final StepSpec step;
    private final EngineSupport support;
    private volatile Instant lastProgress = Instant.MIN;
    private volatile Map<String, Object> upstream;

    StepCall(RunState run, StepSpec step, EngineSupport support) {
        this.run = run;
        this.step = step;
        this.support = support;
    }

    StepSpec step() {
        return step;
    }

    RunState run() {
        return run;
    }

    EngineSupport support() {
        return support;
    }

    /** The step's state now. */
    StepRun state() {
        return run.step(step.id());
    }

    Instant now() {
        return support.clock().instant();
    }

    /** Applies {@code change} to the step and queues it for writing, with {@code event} if not {@code null}. */
    StepRun record(UnaryOperator<StepEdit> change, EventType event, Map<String, Object> details) {
        LifecycleEvent published = event == null ? null
                : new LifecycleEvent(event, now(), run.owner(), null, null, run.id(), step.id(), details);
        // queued in the order the changes were made, so the last write of a row is its latest state
        synchronized (run) {
            StepRun changed = run.change(step.id(), change);
            support.journal().record(new RunChange(run.id(), changed, null, published));
            return changed;
        }
    }

    /** The step runs, without attempts of its own (waits, conditions, sub-workflows). */
    void running() {
        Instant now = now();
        record(e -> e.status(StepStatus.RUNNING).started(now), EventType.WORKFLOW_STEP_STARTED, Map.of());
    }

    /** The step waits until {@code until} (a WAIT's end or a SIGNAL's timeout). */
    void waiting(Instant until) {
        Instant now = now();
        record(e -> e.status(StepStatus.WAITING).started(now).waitUntil(until), EventType.WORKFLOW_STEP_WAITING,
                Map.of("waitUntil", until.toString()));
    }

    /**
     * {@code done} of {@code total} items are handled. Kept in memory at once; written at most every
     * progress interval, and always when {@code force}.
     */
    void progress(long done, long total, boolean force) {
        Instant now = now();
        StepRun.Progress progress = new StepRun.Progress(done, total);
        if (!force && now.isBefore(lastProgress.plus(support.settings().progressInterval()))) {
            run.change(step.id(), e -> e.progress(progress));
            return;
        }
        lastProgress = now;
        record(e -> e.progress(progress), null, Map.of());
    }

    /** Records each attempt of a handler call in the step's attempts, as tasks do. */
    HandlerAttempts.Listener attempts() {
        return new HandlerAttempts.Listener() {
            @Override
            public void started(int number, Instant at) {
                record(e -> {
                    List<Attempt> attempts = new ArrayList<>(state().attempts());
                    attempts.add(new Attempt(number, at, null, InstanceStatus.RUNNING, null));
                    return e.status(StepStatus.RUNNING).started(at).attempts(attempts).error(null);
                }, EventType.WORKFLOW_STEP_STARTED, Map.of("attempt", number));
            }

            @Override
            public void failed(int number, Throwable error, String reason, Instant retryAt) {
                InstanceStatus outcome = error instanceof TimeoutException ? InstanceStatus.TIMED_OUT
                        : InstanceStatus.FAILED;
                List<Attempt> attempts = Attempt.endLast(state().attempts(), now(), outcome, reason);
                if (retryAt == null) {
                    run.change(step.id(), e -> e.attempts(attempts));
                    return;
                }
                record(e -> e.status(StepStatus.RETRYING).attempts(attempts).error(reason),
                        EventType.WORKFLOW_STEP_RETRYING, Map.of("attempt", number, "error", reason,
                                "retryAt", retryAt.toString()));
            }
        };
    }

    /** Ends the running attempt, if any, as completed. */
    void attemptSucceeded() {
        Instant now = now();
        run.change(step.id(), e -> e.attempts(Attempt.endLast(state().attempts(), now, InstanceStatus.COMPLETED, null)));
    }

    /** {@code params} with every template resolved against the run's inputs, finished steps and {@code item}. */
    Map<String, Object> params(Map<String, Object> params, Object item) {
        if (params.isEmpty()) {
            return params;
        }
        return support.templates().resolve(params, run.inputs(), finishedSteps(), item);
    }

    /**
     * What this step's expressions and templates read as {@code steps}. They may only name steps
     * upstream of it, all finished before it started, so the view is built once per step call, not
     * once per item.
     */
    Map<String, Object> finishedSteps() {
        Map<String, Object> view = upstream;
        if (view == null) {
            view = run.stepsView();
            upstream = view;
        }
        return view;
    }

    /** Calls {@code handler} with {@code params} under the step's timeout and retry policy. */
    Mono<Object> call(String handler, Map<String, Object> params, UUID callId, int made,
            HandlerAttempts.Listener listener) {
        TaskHandler found = support.handlers().find(handler).orElse(null);
        if (found == null) {
            return Mono.error(new NonRetryableException("unknown handler '" + handler + "'"));
        }
        return support.attempts().call(found, attempt -> new HandlerContext(callId, run.workflowId(), handler, params,
                attempt, run.createdAt(), run.owner()), step.retry(), step.timeout(), made, listener);
    }

    /** A stable id for a handler call of this step, the same after a restart: {@code part} tells calls apart. */
    UUID callId(String part) {
        return UUID.nameUUIDFromBytes((run.id() + "/" + step.id() + "/" + part).getBytes(StandardCharsets.UTF_8));
    }
}
