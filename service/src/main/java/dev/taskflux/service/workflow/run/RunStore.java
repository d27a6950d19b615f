package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.event.LifecycleEvent;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where runs and their steps are kept. Unfinished runs are leased to the node executing them;
 * writes of a run's changes only apply while this node holds its lease.
 */
interface RunStore {

    /** A run as stored: its state, the spec it runs and, for a child run, the parent's step. */
    record StoredRun(WorkflowRun run, WorkflowSpec spec, String parentStepId) {
    }

    /** Stores a new run with every step, leased to this node. */
    Mono<Void> insert(StoredRun run);

    /**
     * Writes {@code changes} in one transaction, recording with them the {@code events} of the runs
     * whose changes applied (those this node still holds); emits the ids of those runs.
     */
    Mono<Set<UUID>> write(List<RunChange> changes, List<LifecycleEvent> events);

    /** The run with its steps; empty when unknown. */
    Mono<StoredRun> find(UUID runId);

    /** Runs matching {@code query}, newest first, with their steps. */
    Flux<WorkflowRun> list(WorkflowRuns.RunQuery query);

    /** How many runs match {@code query}. */
    Mono<Long> count(WorkflowRuns.RunQuery query);

    /** The child run started by step {@code stepId} of {@code parentRunId}, if any. */
    Mono<UUID> childOf(UUID parentRunId, String stepId);

    /**
     * Leases to this node up to {@code limit} unfinished runs that no node holds (never leased, or
     * the lease expired); emits their ids.
     */
    Mono<List<UUID>> claimOrphans(int limit);

    /** Leases {@code runId} to this node if no node holds it; emits whether it did. */
    Mono<Boolean> claim(UUID runId);

    /** Extends this node's leases of {@code local}; emits the ids among them it no longer holds. */
    Mono<Set<UUID>> heartbeat(Set<UUID> local);

    /** Stores {@code request} for the node executing its run. */
    Mono<Void> request(RunRequest request);

    /** The stored requests for unfinished runs this node holds, oldest first. */
    Mono<List<RunRequest>> pendingRequests();

    /** Removes the requests {@code ids}, applied or no longer applicable. */
    Mono<Void> forgetRequests(List<UUID> ids);

    /** Lets every lease this node holds expire now, so its runs are resumed at once. */
    Mono<Long> expireOwnLeases();
}
