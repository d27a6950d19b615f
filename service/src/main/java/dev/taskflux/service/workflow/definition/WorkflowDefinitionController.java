package dev.taskflux.service.workflow.definition;

import dev.taskflux.service.task.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** REST face of workflow definitions and their versions, under {@code /api/v1}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows", description = "Versioned workflow definitions")
class WorkflowDefinitionController {

    private final WorkflowDefinitions definitions;

    WorkflowDefinitionController(WorkflowDefinitions definitions) {
        this.definitions = definitions;
    }

    @PostMapping(path = "/workflows", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a workflow definition (version 1)")
    Mono<WorkflowView> create(@RequestBody WorkflowDocument body) {
        return Mono.fromCallable(body::toSpec)
                .flatMap(spec -> definitions.create(body.ownerOrDefault(), spec)).map(WorkflowView::of);
    }

    @GetMapping("/workflows")
    @Operation(summary = "List workflow definitions at their latest version, newest first")
    Mono<Page<WorkflowView>> list(@RequestParam(required = false) String owner,
                                  @RequestParam(required = false) String name,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        return Mono.fromCallable(() -> new WorkflowQuery(owner, name, page, size))
                .flatMap(definitions::list).map(p -> p.map(WorkflowView::of));
    }

    @GetMapping("/workflows/{id}")
    @Operation(summary = "Get a workflow definition: its latest version, or the one named by ?version=")
    Mono<WorkflowView> get(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        return (version == null ? definitions.find(id) : definitions.find(id, version)).map(WorkflowView::of);
    }

    @PutMapping(path = "/workflows/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store a new version of a workflow definition; running runs keep theirs")
    Mono<WorkflowView> update(@PathVariable UUID id, @RequestBody WorkflowDocument body) {
        return Mono.fromCallable(body::toSpec)
                .flatMap(spec -> definitions.update(id, body.owner(), spec)).map(WorkflowView::of);
    }

    @DeleteMapping("/workflows/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a workflow definition; runs already started finish on their version")
    Mono<Void> delete(@PathVariable UUID id) {
        return definitions.delete(id);
    }
}
