package dev.taskflux.service.workflow.schedule;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.Violations;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.service.task.TaskSpecCheck;
import dev.taskflux.service.task.WorkflowTarget;
import dev.taskflux.service.workflow.definition.DefinitionLookup;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks the workflow a task starts: it exists for the task's owner (by id or name), and the
 * task's inputs give each input it requires and none it does not declare.
 */
@Component
class WorkflowTargetCheck implements TaskSpecCheck {

    private final ObjectProvider<DefinitionLookup> definitions;

    WorkflowTargetCheck(ObjectProvider<DefinitionLookup> definitions) {
        this.definitions = definitions;
    }

    @Override
    public Mono<Void> check(UUID id, TaskSpec spec) {
        WorkflowTarget target = WorkflowTarget.of(spec.handler(), spec.params()).orElse(null);
        if (target == null) {
            return Mono.empty();
        }
        return definitions.getObject().latest(spec.owner(), target.id())
                .switchIfEmpty(Mono.error(() -> InvalidArgumentException.of("workflow.id",
                        "unknown workflow '" + target.id() + "' of owner '" + spec.owner() + "'")))
                .doOnNext(d -> inputs(d, target.inputs() == null ? Map.of() : target.inputs()))
                .then();
    }

    private static void inputs(WorkflowDefinition d, Map<String, Object> given) {
        Violations v = new Violations();
        for (InputSpec input : d.spec().inputs()) {
            v.check(input.required() && !given.containsKey(input.name()), "workflow.inputs." + input.name(),
                    "is required by workflow '" + d.spec().name() + "'");
        }
        Set<String> declared = d.spec().inputs().stream().map(InputSpec::name).collect(Collectors.toSet());
        given.keySet().forEach(name -> v.check(!declared.contains(name), "workflow.inputs." + name,
                "workflow '" + d.spec().name() + "' has no input '" + name + "'"));
        v.throwIfAny();
    }
}
