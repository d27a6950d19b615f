package dev.taskflux.client;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One state change of a task definition, task instance, workflow run or workflow step, as the event
 * stream delivers it.
 *
 * @param seq        its global sequence number, strictly increasing in commit order; resume after it
 * @param type       what happened, such as {@code TASK_CREATED} or {@code INSTANCE_COMPLETED}
 * @param at         when, by the service clock
 * @param owner      the owner of the definition
 * @param taskId     the task definition, or {@code null}
 * @param instanceId the task instance, or {@code null}
 * @param runId      the workflow run, or {@code null}
 * @param stepId     the workflow step, or {@code null}
 * @param payload    small details (attempt, error, worker, next fire)
 */
public record LifecycleEvent(long seq, String type, Instant at, String owner, UUID taskId, UUID instanceId,
                             UUID runId, String stepId, Map<String, Object> payload) {
}
