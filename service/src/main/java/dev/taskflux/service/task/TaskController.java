package dev.taskflux.service.task;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskStatus;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.storage.JsonCodec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** REST face of task definitions and their instances, under {@code /api/v1}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tasks", description = "Task definitions, their lifecycle and their run history")
class TaskController {

    private final TaskService tasks;
    private final TaskPatch patch;

    TaskController(TaskService tasks, JsonCodec json) {
        this.tasks = tasks;
        this.patch = new TaskPatch(json);
    }

    @PostMapping(path = "/tasks", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a task definition")
    Mono<TaskView> create(@RequestBody TaskDocument body) {
        return Mono.fromCallable(body::toSpec).flatMap(tasks::create).map(TaskView::of);
    }

    @GetMapping("/tasks")
    @Operation(summary = "List task definitions, newest first")
    Mono<Page<TaskView>> list(@RequestParam(required = false) TaskStatus status,
                              @RequestParam(required = false) String owner,
                              @RequestParam(required = false) String name,
                              @RequestParam(required = false) String label,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        return Mono.fromCallable(() -> new TaskQuery(status, owner, name, label, page, size))
                .flatMap(tasks::list).map(p -> p.map(TaskView::of));
    }

    @GetMapping("/tasks/{id}")
    @Operation(summary = "Get a task definition")
    Mono<TaskView> get(@PathVariable UUID id) {
        return tasks.find(id).map(TaskView::of);
    }

    @PatchMapping(path = "/tasks/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Change a task definition (JSON merge patch); the next fire is recomputed")
    Mono<TaskView> update(@PathVariable UUID id, @RequestBody JsonNode body) {
        if (!body.isObject()) {
            return Mono.error(InvalidArgumentException.of("body", "must be a JSON object"));
        }
        return tasks.update(id, spec -> patch.apply(spec, body)).map(TaskView::of);
    }

    @DeleteMapping("/tasks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a task definition and its history, cancelling running instances")
    Mono<Void> delete(@PathVariable UUID id) {
        return tasks.delete(id);
    }

    @PostMapping("/tasks/{id}/pause")
    @Operation(summary = "Stop firing until resumed")
    Mono<TaskView> pause(@PathVariable UUID id) {
        return tasks.pause(id).map(TaskView::of);
    }

    @PostMapping("/tasks/{id}/resume")
    @Operation(summary = "Fire again from now on")
    Mono<TaskView> resume(@PathVariable UUID id) {
        return tasks.resume(id).map(TaskView::of);
    }

    @PostMapping("/tasks/{id}/cancel")
    @Operation(summary = "Stop the schedule for good and cancel running instances")
    Mono<TaskView> cancel(@PathVariable UUID id) {
        return tasks.cancel(id).map(TaskView::of);
    }

    @PostMapping("/tasks/{id}/trigger")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Run once now, regardless of the schedule")
    Mono<TaskInstance> trigger(@PathVariable UUID id) {
        return tasks.trigger(id);
    }

    @GetMapping("/tasks/{id}/instances")
    @Operation(summary = "A task's run history, latest first")
    Mono<Page<TaskInstance>> instances(@PathVariable UUID id,
                                       @RequestParam(required = false) InstanceStatus status,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        return tasks.instances(id, status, page, size);
    }

    @GetMapping("/instances/{id}")
    @Operation(summary = "Get one run with its attempts")
    Mono<TaskInstance> instance(@PathVariable UUID id) {
        return tasks.instance(id);
    }

    @PostMapping("/instances/{id}/cancel")
    @Operation(summary = "Cancel one run, stopping its handler")
    Mono<TaskInstance> cancelInstance(@PathVariable UUID id) {
        return tasks.cancelInstance(id);
    }
}
