package dev.taskflux.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a workflow definition version.
 *
 * @param id              identity
 * @param workflowId      the definition's id
 * @param workflowVersion the definition version it runs
 * @param workflowName    the definition's name
 * @param owner           the definition's owner
 * @param status          current state
 * @param inputs          the inputs it was started with, defaults applied
 * @param steps           every step's state, in the definition's order
 * @param error           why it failed, when it did
 * @param parentRunId     the run whose SUB_WORKFLOW step started it, or {@code null}
 * @param taskInstanceId  the task instance that started it (scheduled workflows), or {@code null}
 * @param createdAt       when it was accepted
 * @param startedAt       when its first step started
 * @param finishedAt      when it reached a final state
 * @param deadline        when its run timeout expires, or {@code null}
 */
public record WorkflowRun(
        UUID id,
        UUID workflowId,
        int workflowVersion,
        String workflowName,
        String owner,
        RunStatus status,
        Map<String, Object> inputs,
        List<StepRun> steps,
        String error,
        UUID parentRunId,
        UUID taskInstanceId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant deadline) {

    public WorkflowRun {
        steps = steps == null ? List.of() : List.copyOf(steps);
        inputs = inputs == null ? Map.of() : inputs;
    }
}
