package dev.taskflux.client;

import java.time.Instant;
import java.util.UUID;

/**
 * One upcoming fire.
 *
 * @param taskId the definition
 * @param name   its name
 * @param fireAt when it fires
 */
public record UpcomingFire(UUID taskId, String name, Instant fireAt) {
}
