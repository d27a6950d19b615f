package dev.taskflux.client;

import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.util.Map;
import java.util.UUID;

/**
 * The operations of {@link TaskfluxWorkflows}, each blocking the calling thread until the answer
 * arrives (bounded by the client's deadline and retries). Errors are thrown as the api error types.
 * For scripts and tests; never call it on an event-loop thread.
 */
public final class BlockingTaskfluxWorkflows {

    private final TaskfluxWorkflows workflows;

    BlockingTaskfluxWorkflows(TaskfluxWorkflows workflows) {
        this.workflows = workflows;
    }

    /** See {@link TaskfluxWorkflows#create(String, WorkflowSpec)}. */
    public WorkflowDefinition create(String owner, WorkflowSpec spec) {
        return workflows.create(owner, spec).block();
    }

    /** See {@link TaskfluxWorkflows#get(UUID)}. */
    public WorkflowDefinition get(UUID id) {
        return workflows.get(id).block();
    }

    /** See {@link TaskfluxWorkflows#get(UUID, int)}. */
    public WorkflowDefinition get(UUID id, int version) {
        return workflows.get(id, version).block();
    }

    /** See {@link TaskfluxWorkflows#list(String, String, int, int)}. */
    public Page<WorkflowDefinition> list(String owner, String nameContains, int page, int size) {
        return workflows.list(owner, nameContains, page, size).block();
    }

    /** See {@link TaskfluxWorkflows#update(UUID, WorkflowSpec)}. */
    public WorkflowDefinition update(UUID id, WorkflowSpec spec) {
        return workflows.update(id, spec).block();
    }

    /** See {@link TaskfluxWorkflows#delete(UUID)}. */
    public void delete(UUID id) {
        workflows.delete(id).block();
    }

    /** See {@link TaskfluxWorkflows#start(UUID, Map)}. */
    public WorkflowRun start(UUID workflowId, Map<String, ?> inputs) {
        return workflows.start(workflowId, inputs).block();
    }

    /** See {@link TaskfluxWorkflows#start(UUID, int, Map)}. */
    public WorkflowRun start(UUID workflowId, int version, Map<String, ?> inputs) {
        return workflows.start(workflowId, version, inputs).block();
    }

    /** See {@link TaskfluxWorkflows#run(UUID)}. */
    public WorkflowRun run(UUID runId) {
        return workflows.run(runId).block();
    }

    /** See {@link TaskfluxWorkflows#runs(RunFilter)}. */
    public Page<WorkflowRun> runs(RunFilter filter) {
        return workflows.runs(filter).block();
    }

    /** See {@link TaskfluxWorkflows#cancel(UUID)}. */
    public WorkflowRun cancel(UUID runId) {
        return workflows.cancel(runId).block();
    }

    /** See {@link TaskfluxWorkflows#pause(UUID)}. */
    public WorkflowRun pause(UUID runId) {
        return workflows.pause(runId).block();
    }

    /** See {@link TaskfluxWorkflows#resume(UUID)}. */
    public WorkflowRun resume(UUID runId) {
        return workflows.resume(runId).block();
    }

    /** See {@link TaskfluxWorkflows#signal(UUID, String, Object)}. */
    public WorkflowRun signal(UUID runId, String stepId, Object payload) {
        return workflows.signal(runId, stepId, payload).block();
    }

    /** See {@link TaskfluxWorkflows#stats(String)}. */
    public WorkflowStats stats(String owner) {
        return workflows.stats(owner).block();
    }
}
