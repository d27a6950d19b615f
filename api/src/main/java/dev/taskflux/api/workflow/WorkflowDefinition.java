package dev.taskflux.api.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored version of a workflow template. Editing a definition stores a new version under the
 * same id; runs keep the version they started with.
 *
 * @param id        identity, shared by every version
 * @param version   1 for the first version, increased by every edit
 * @param owner     who owns it; list endpoints filter by it
 * @param spec      the template
 * @param createdAt when this version was stored
 */
public record WorkflowDefinition(UUID id, int version, String owner, WorkflowSpec spec, Instant createdAt) {
}
