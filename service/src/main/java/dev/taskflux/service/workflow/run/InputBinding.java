package dev.taskflux.service.workflow.run;

import dev.taskflux.api.error.Violations;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The inputs a run starts with: those given, checked against the workflow's inputs, defaults filled in. */
final class InputBinding {

    private InputBinding() {
    }

    /**
     * {@code given} with the defaults of the inputs it leaves out.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException naming each missing required input
     *     and each input the workflow does not declare, as {@code inputs.<name>}
     */
    static Map<String, Object> bind(WorkflowSpec spec, Map<String, Object> given) {
        Map<String, Object> supplied = given == null ? Map.of() : given;
        Violations v = new Violations();
        Map<String, Object> bound = new LinkedHashMap<>();
        for (InputSpec input : spec.inputs()) {
            if (supplied.containsKey(input.name())) {
                bound.put(input.name(), supplied.get(input.name()));
            } else if (input.required()) {
                v.add("inputs." + input.name(), "is required by workflow '" + spec.name() + "'");
            } else {
                bound.put(input.name(), input.defaultValue());
            }
        }
        Set<String> declared = spec.inputs().stream().map(InputSpec::name).collect(Collectors.toSet());
        for (String name : supplied.keySet()) {
            v.check(!declared.contains(name), "inputs." + name, "workflow '" + spec.name()
                    + "' has no input '" + name + "'; it declares: " + (declared.isEmpty() ? "(none)"
                            : String.join(", ", new java.util.TreeSet<>(declared))));
        }
        v.throwIfAny();
        return bound;
    }
}
