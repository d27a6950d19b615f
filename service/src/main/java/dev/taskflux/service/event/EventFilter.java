package dev.taskflux.service.event;

import java.util.Set;
import java.util.UUID;

/**
 * Which events a subscriber wants; {@code null} fields (and an empty type set) match everything.
 *
 * @param owner      only events of this owner
 * @param taskId     only events of this task definition
 * @param instanceId only events of this instance
 * @param runId      only events of this workflow run
 * @param types      only events of these types
 */
public record EventFilter(String owner, UUID taskId, UUID instanceId, UUID runId, Set<EventType> types) {

    /** Matches every event. */
    public static final EventFilter ALL = new EventFilter(null, null, null, null, Set.of());

    public EventFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** Whether {@code event} passes. */
    public boolean test(LifecycleEvent event) {
        return (owner == null || owner.equals(event.owner()))
                && (taskId == null || taskId.equals(event.taskId()))
                && (instanceId == null || instanceId.equals(event.instanceId()))
                && (runId == null || runId.equals(event.runId()))
                && (types.isEmpty() || types.contains(event.type()));
    }
}
