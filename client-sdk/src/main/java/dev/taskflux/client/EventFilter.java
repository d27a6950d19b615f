package dev.taskflux.client;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which lifecycle events a watch delivers; fields left {@code null} (and an empty type set) do not
 * filter.
 *
 * @param owner      only events of this owner
 * @param taskId     only events of this task definition
 * @param instanceId only events of this instance
 * @param runId      only events of this workflow run
 * @param types      only events of these types, such as {@code INSTANCE_COMPLETED}
 */
public record EventFilter(String owner, UUID taskId, UUID instanceId, UUID runId, Set<String> types) {

    public EventFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** Every event. */
    public static EventFilter all() {
        return new EventFilter(null, null, null, null, Set.of());
    }

    /** This filter, only for {@code owner}. */
    public EventFilter owner(String owner) {
        return new EventFilter(owner, taskId, instanceId, runId, types);
    }

    /** This filter, only for the task definition {@code taskId} and its instances. */
    public EventFilter task(UUID taskId) {
        return new EventFilter(owner, taskId, instanceId, runId, types);
    }

    /** This filter, only for the instance {@code instanceId}. */
    public EventFilter instance(UUID instanceId) {
        return new EventFilter(owner, taskId, instanceId, runId, types);
    }

    /** This filter, only for the workflow run {@code runId}. */
    public EventFilter run(UUID runId) {
        return new EventFilter(owner, taskId, instanceId, runId, types);
    }

    /** This filter, only events of the given types. */
    public EventFilter types(String... types) {
        Set<String> merged = new TreeSet<>(this.types);
        merged.addAll(Arrays.asList(types));
        return new EventFilter(owner, taskId, instanceId, runId, merged);
    }
}
