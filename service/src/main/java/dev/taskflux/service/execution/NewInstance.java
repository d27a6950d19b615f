package dev.taskflux.service.execution;

import dev.taskflux.api.FireKind;
import dev.taskflux.api.TaskDefinition;
import java.time.Instant;
import java.util.UUID;

/**
 * An instance about to be recorded as PENDING.
 *
 * @param id         its id
 * @param definition the definition that fired
 * @param kind       scheduled (unique per fire time) or manual
 * @param fireAt     when it is due
 * @param leased     whether this node claims it as it records it (it has room to run it)
 */
public record NewInstance(UUID id, TaskDefinition definition, FireKind kind, Instant fireAt, boolean leased) {

    /** The instance as claimed by this node, once recorded with its lease. */
    ClaimedInstance claimed() {
        return new ClaimedInstance(id, definition.id(), kind, fireAt, fireAt, 0, definition.spec(), java.util.List.of());
    }
}
