package dev.taskflux.service.workflow.definition;

import dev.taskflux.api.workflow.WorkflowDefinition;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Finds stored workflow definition versions; what the run engine needs from definition storage. */
public interface DefinitionLookup {

    /** One version of a definition; empty when either does not exist. */
    Mono<WorkflowDefinition> version(UUID id, int version);

    /**
     * The latest version of the definition named {@code reference}, by id (a UUID) or by name
     * within {@code owner}; empty when there is none.
     */
    Mono<WorkflowDefinition> latest(String owner, String reference);
}
