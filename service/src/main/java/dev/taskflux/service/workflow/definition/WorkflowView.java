package dev.taskflux.service.workflow.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.taskflux.api.workflow.WorkflowDefinition;
import java.time.Instant;
import java.util.UUID;

/**
 * A workflow definition version as the REST API shows it: its document's fields beside its identity.
 *
 * @param id        identity, shared by every version
 * @param version   this version, 1 for the first
 * @param createdAt when this version was stored
 * @param spec      the document, inlined (with the owner)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowView(UUID id, int version, Instant createdAt, @JsonUnwrapped WorkflowDocument spec) {

    /** The view of {@code d}. */
    public static WorkflowView of(WorkflowDefinition d) {
        return new WorkflowView(d.id(), d.version(), d.createdAt(), WorkflowDocument.of(d.owner(), d.spec()));
    }
}
