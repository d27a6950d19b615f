package dev.taskflux.service.dependency;

import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.task.TaskSpecCheck;
import dev.taskflux.service.task.TaskStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks a task's dependencies when it is created or changed: each names an existing task other
 * than itself, and following dependencies from it never leads back to it (a cycle would keep the
 * tasks on it waiting for each other forever).
 */
@Component
class DependencyCheck implements TaskSpecCheck {

    /** Most definitions a cycle search reads. */
    private static final int MAX_VISITED = 10_000;

    private final TaskStore tasks;

    DependencyCheck(TaskStore tasks) {
        this.tasks = tasks;
    }

    @Override
    public Mono<Void> check(UUID id, TaskSpec spec) {
        if (spec.dependsOn().isEmpty()) {
            return Mono.empty();
        }
        List<UUID> deps = spec.dependsOn();
        return Flux.range(0, deps.size()).concatMap(i -> known(i, deps.get(i), id)).collectList()
                .flatMap(unknown -> unknown.isEmpty() ? cycle(id, deps) : Mono.error(new InvalidArgumentException(unknown)));
    }

    private Mono<FieldViolation> known(int index, UUID dependency, UUID id) {
        String field = "dependsOn[" + index + "]";
        if (dependency.equals(id)) {
            return Mono.just(new FieldViolation(field, "a task cannot depend on itself"));
        }
        return tasks.find(dependency).hasElement().flatMap(exists -> exists ? Mono.empty()
                : Mono.just(new FieldViolation(field, "unknown task " + dependency)));
    }

    /** Walks the dependencies breadth first, remembering how each task was reached, until {@code id} comes back. */
    private Mono<Void> cycle(UUID id, List<UUID> deps) {
        Map<UUID, UUID> reachedFrom = new HashMap<>();
        deps.forEach(d -> reachedFrom.put(d, id));
        return Mono.just(deps)
                .expand(level -> level.isEmpty() || reachedFrom.size() > MAX_VISITED ? Mono.empty()
                        : Flux.fromIterable(level).concatMap(tasks::find).collectList()
                                .map(found -> next(found, reachedFrom, id)))
                .any(level -> level.contains(id))
                .flatMap(cyclic -> cyclic ? Mono.error(InvalidArgumentException.of("dependsOn",
                        "tasks " + path(id, reachedFrom) + " depend on each other in a cycle (each depends on the next)"))
                        : Mono.empty());
    }

    private static List<UUID> next(List<TaskDefinition> level, Map<UUID, UUID> reachedFrom, UUID id) {
        List<UUID> next = new ArrayList<>();
        for (TaskDefinition d : level) {
            for (UUID dep : d.spec().dependsOn()) {
                if (dep.equals(id)) {
                    reachedFrom.put(id, d.id());
                    return List.of(id);
                }
                if (reachedFrom.putIfAbsent(dep, d.id()) == null) {
                    next.add(dep);
                }
            }
        }
        return next;
    }

    private static String path(UUID id, Map<UUID, UUID> reachedFrom) {
        List<UUID> path = new ArrayList<>(List.of(id));
        for (UUID at = reachedFrom.get(id); !at.equals(id); at = reachedFrom.get(at)) {
            path.add(1, at);
        }
        path.add(id);
        return path.stream().map(UUID::toString).collect(Collectors.joining(" -> "));
    }
}
