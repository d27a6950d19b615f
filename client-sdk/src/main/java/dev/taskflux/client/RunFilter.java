package dev.taskflux.client;

import dev.taskflux.api.workflow.RunStatus;
import java.util.UUID;

/**
 * Which workflow runs to list and which page of them; {@code null} filters match everything.
 *
 * @param workflowId     only runs of this definition
 * @param owner          only runs of this owner
 * @param status         only runs in this state
 * @param parentRunId    only the child runs of this run
 * @param taskInstanceId only the runs this task instance started
 * @param page           zero-based page number
 * @param size           page size, 1 to 500
 */
public record RunFilter(UUID workflowId, String owner, RunStatus status, UUID parentRunId, UUID taskInstanceId,
                        int page, int size) {

    /** Every run, first page of 50. */
    public static RunFilter all() {
        return new RunFilter(null, null, null, null, null, 0, 50);
    }

    /** The runs of definition {@code workflowId}. */
    public static RunFilter ofWorkflow(UUID workflowId) {
        return all().withWorkflow(workflowId);
    }

    /** A copy limited to the runs of definition {@code workflowId}. */
    public RunFilter withWorkflow(UUID workflowId) {
        return new RunFilter(workflowId, owner, status, parentRunId, taskInstanceId, page, size);
    }

    /** A copy limited to the runs of {@code owner}. */
    public RunFilter withOwner(String owner) {
        return new RunFilter(workflowId, owner, status, parentRunId, taskInstanceId, page, size);
    }

    /** A copy limited to runs in {@code status}. */
    public RunFilter withStatus(RunStatus status) {
        return new RunFilter(workflowId, owner, status, parentRunId, taskInstanceId, page, size);
    }

    /** A copy asking for page {@code page} of {@code size} runs. */
    public RunFilter withPage(int page, int size) {
        return new RunFilter(workflowId, owner, status, parentRunId, taskInstanceId, page, size);
    }
}
