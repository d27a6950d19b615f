package dev.taskflux.service.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One state change of a task definition or instance.
 *
 * @param type       what happened
 * @param at         when, by the service clock
 * @param owner      the owner of the definition
 * @param taskId     the definition
 * @param instanceId the instance, for instance events
 * @param payload    small details (attempt, error, next fire)
 */
public record LifecycleEvent(EventType type, Instant at, String owner, UUID taskId, UUID instanceId,
                             Map<String, Object> payload) {

    public LifecycleEvent {
        payload = payload == null ? Map.of() : payload;
    }
}
