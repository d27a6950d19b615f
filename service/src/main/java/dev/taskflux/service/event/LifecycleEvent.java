package dev.taskflux.service.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One state change of a task definition, task instance, workflow run or workflow step.
 *
 * @param type       what happened
 * @param at         when, by the service clock
 * @param owner      the owner of the definition
 * @param taskId     the task definition, for task and instance events
 * @param instanceId the instance, for instance events
 * @param runId      the workflow run, for run and step events
 * @param stepId     the step, for step events
 * @param payload    small details (attempt, error, next fire)
 */
public record LifecycleEvent(EventType type, Instant at, String owner, UUID taskId, UUID instanceId, UUID runId,
                             String stepId, Map<String, Object> payload) {

    public LifecycleEvent {
        payload = payload == null ? Map.of() : payload;
    }

    /** An event of a task definition or instance. */
    public LifecycleEvent(EventType type, Instant at, String owner, UUID taskId, UUID instanceId,
                          Map<String, Object> payload) {
        this(type, at, owner, taskId, instanceId, null, null, payload);
    }
}
