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
 */
public record NewInstance(UUID id, TaskDefinition definition, FireKind kind, Instant fireAt) {
}
