package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts and steers workflow runs; what the REST, gRPC and task-scheduling edges use. Every method
 * fails with {@code NotFoundException} for an unknown run and {@code ConflictException} when the run's
 * state forbids the operation (cancelling a finished run, signalling a step that is not waiting).
 */
public interface WorkflowRuns {

    /**
     * Starts a run of {@code definition} with {@code inputs} (validated against its inputs, defaults
     * applied; an {@code InvalidArgumentException} names a missing or mistyped input) and returns it
     * once it is stored.
     *
     * @param taskInstanceId the task instance starting it (a scheduled workflow), or {@code null}
     */
    Mono<WorkflowRun> start(WorkflowDefinition definition, Map<String, Object> inputs, UUID taskInstanceId);

    /** The run with every step's state. */
    Mono<WorkflowRun> get(UUID runId);

    /** Runs matching {@code query}, newest first. */
    Flux<WorkflowRun> list(RunQuery query);

    /** How many runs match {@code query}, ignoring its offset and limit. */
    Mono<Long> count(RunQuery query);

    /** Cancels the run: running steps stop, completed steps are compensated. */
    Mono<WorkflowRun> cancel(UUID runId);

    /** No new step starts until {@link #resume}; running steps finish. */
    Mono<WorkflowRun> pause(UUID runId);

    /** Lets a paused run go on. */
    Mono<WorkflowRun> resume(UUID runId);

    /** Completes the waiting SIGNAL step {@code stepId} with {@code payload}. */
    Mono<WorkflowRun> signal(UUID runId, String stepId, Object payload);

    /**
     * The run once it has reached a final state ({@link RunStatus#isFinal()}); emits at once for a
     * finished run. What a scheduled workflow's task instance waits on.
     */
    Mono<WorkflowRun> awaitEnd(UUID runId);

    /**
     * A filter over runs; {@code null} fields match everything.
     *
     * @param workflowId     only runs of this definition
     * @param owner          only runs of this owner
     * @param status         only runs in this state
     * @param parentRunId    only the child runs of this run
     * @param taskInstanceId only the runs started by this task instance
     * @param offset         runs to skip
     * @param limit          runs to return at most
     */
    record RunQuery(UUID workflowId, String owner, RunStatus status, UUID parentRunId, UUID taskInstanceId,
            int offset, int limit) {

        /** A filter by definition, owner and state. */
        public RunQuery(UUID workflowId, String owner, RunStatus status, int offset, int limit) {
            this(workflowId, owner, status, null, null, offset, limit);
        }

        /** The runs a task instance started, such as a scheduled workflow re-attaching after a restart. */
        public static RunQuery startedBy(UUID taskInstanceId) {
            return new RunQuery(null, null, null, null, taskInstanceId, 0, 10);
        }

        /** The child runs the SUB_WORKFLOW steps of {@code parentRunId} started. */
        public static RunQuery childrenOf(UUID parentRunId) {
            return new RunQuery(null, null, null, parentRunId, null, 0, 100);
        }
    }
}
