package dev.taskflux.service.workflow.web;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.task.Page;
import dev.taskflux.service.workflow.definition.WorkflowDefinitions;
import dev.taskflux.service.workflow.run.WorkflowRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** REST face of workflow runs: start, list, read and steer them, under {@code /api/v1}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflow runs", description = "Runs of workflow definitions and their steps")
class WorkflowRunController {

    /** Largest page. */
    static final int MAX_SIZE = 500;

    private final WorkflowDefinitions definitions;
    private final WorkflowRuns runs;

    WorkflowRunController(WorkflowDefinitions definitions, WorkflowRuns runs) {
        this.definitions = definitions;
        this.runs = runs;
    }

    /**
     * The body of {@code POST /workflows/{id}/runs}.
     *
     * @param inputs  the run's inputs; absent for none
     * @param version the definition version to run; absent for the latest
     */
    record StartRun(Map<String, Object> inputs, Integer version) {
    }

    @PostMapping(path = "/workflows/{id}/runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a run of a workflow definition (its latest version unless one is named)")
    Mono<WorkflowRun> start(@PathVariable UUID id, @RequestBody(required = false) StartRun body) {
        StartRun start = body == null ? new StartRun(null, null) : body;
        return (start.version() == null ? definitions.find(id) : definitions.find(id, start.version()))
                .flatMap(d -> runs.start(d, start.inputs() == null ? Map.of() : start.inputs(), null));
    }

    @GetMapping("/workflow-runs")
    @Operation(summary = "List workflow runs, newest first")
    Mono<Page<WorkflowRun>> list(@RequestParam(required = false) UUID workflow,
                                 @RequestParam(required = false) String owner,
                                 @RequestParam(required = false) RunStatus status,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "50") int size) {
        return Mono.fromCallable(() -> query(workflow, owner, status, page, size))
                .flatMap(q -> runs.list(q).collectList().zipWith(runs.count(q),
                        (items, total) -> new Page<>(items, page, size, total)));
    }

    @GetMapping("/workflow-runs/{id}")
    @Operation(summary = "Get a run with every step's state, attempts, output, error and timings")
    Mono<WorkflowRun> get(@PathVariable UUID id) {
        return runs.get(id);
    }

    @PostMapping("/workflow-runs/{id}/cancel")
    @Operation(summary = "Cancel a run: running steps stop, completed steps are compensated")
    Mono<WorkflowRun> cancel(@PathVariable UUID id) {
        return runs.cancel(id);
    }

    @PostMapping("/workflow-runs/{id}/pause")
    @Operation(summary = "Start no new step until resumed; running steps finish")
    Mono<WorkflowRun> pause(@PathVariable UUID id) {
        return runs.pause(id);
    }

    @PostMapping("/workflow-runs/{id}/resume")
    @Operation(summary = "Let a paused run go on")
    Mono<WorkflowRun> resume(@PathVariable UUID id) {
        return runs.resume(id);
    }

    @PostMapping("/workflow-runs/{id}/signals/{stepId}")
    @Operation(summary = "Complete a waiting SIGNAL step with the JSON body as its output")
    Mono<WorkflowRun> signal(@PathVariable UUID id, @PathVariable String stepId,
                             @RequestBody(required = false) Object payload) {
        return runs.signal(id, stepId, payload);
    }

    private static WorkflowRuns.RunQuery query(UUID workflow, String owner, RunStatus status, int page, int size) {
        if (page < 0) {
            throw InvalidArgumentException.of("page", "must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidArgumentException.of("size", "must be between 1 and " + MAX_SIZE);
        }
        if (owner != null && owner.indexOf('\0') >= 0) {
            throw InvalidArgumentException.of("owner", "must not contain NUL characters");
        }
        return new WorkflowRuns.RunQuery(workflow, owner, status, page * size, size);
    }
}
