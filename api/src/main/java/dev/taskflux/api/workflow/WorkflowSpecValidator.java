package dev.taskflux.api.workflow;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.Violations;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the structure of a {@link WorkflowSpec}: what needs no service state. Handlers, CEL
 * syntax and the steps templates read are checked by the service. Field names in violations are
 * the JSON names of the REST API, with steps by position, such as {@code steps[2].dependsOn}.
 */
public final class WorkflowSpecValidator {

    /** Most steps in one workflow. */
    public static final int MAX_STEPS = 2000;
    /** Most inputs of one workflow. */
    public static final int MAX_INPUTS = 100;
    /** Highest concurrency of a MAP step or a pipeline stage. */
    public static final int MAX_CONCURRENCY = 1024;
    /** What step ids look like. */
    public static final Pattern STEP_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** What input names look like: CEL identifiers, so {@code inputs.<name>} reads them. */
    public static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final int MAX_TEXT = 200;
    private static final int MAX_DESCRIPTION = 2000;

    private WorkflowSpecValidator() {
    }

    /**
     * Validates {@code spec}, reporting every problem at once.
     *
     * @throws InvalidArgumentException naming every offending field
     */
    public static void validate(WorkflowSpec spec) {
        Violations v = new Violations();
        StepChecks.text(v, "name", spec.name(), MAX_TEXT, true);
        StepChecks.text(v, "description", spec.description(), MAX_DESCRIPTION, false);
        StepChecks.positive(v, "timeout", spec.timeout());
        inputs(v, spec.inputs());
        v.check(spec.steps().isEmpty(), "steps", "at least one step is required");
        v.check(spec.steps().size() > MAX_STEPS, "steps", "at most " + MAX_STEPS + " steps");
        Map<String, StepSpec> byId = ids(v, spec.steps());
        for (int i = 0; i < spec.steps().size(); i++) {
            StepSpec step = spec.steps().get(i);
            if (step == null) {
                v.add("steps[" + i + "]", "must not be null");
                continue;
            }
            String at = "steps[" + i + "]";
            references(v, at + ".dependsOn", step, "depends on", step.dependsOn(), byId);
            new StepChecks(v, at, step, byId).check();
        }
        cycles(v, spec);
        v.throwIfAny();
    }

    private static void inputs(Violations v, List<InputSpec> inputs) {
        v.check(inputs.size() > MAX_INPUTS, "inputs", "at most " + MAX_INPUTS + " inputs");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec input = inputs.get(i);
            String at = "inputs[" + i + "]";
            if (input == null) {
                v.add(at, "must not be null");
            } else if (input.name() == null || !INPUT_NAME.matcher(input.name()).matches()) {
                v.add(at + ".name", "input name '" + input.name() + "' must match " + INPUT_NAME);
            } else {
                v.check(!seen.add(input.name()), at + ".name", "duplicate input name '" + input.name() + "'");
                v.check(input.required() && input.defaultValue() != null, at + ".default",
                        "required input '" + input.name() + "' cannot have a default");
            }
        }
    }

    /** The steps by id, first declaration winning; reports bad and repeated ids. */
    private static Map<String, StepSpec> ids(Violations v, List<StepSpec> steps) {
        Map<String, StepSpec> byId = new HashMap<>();
        Map<String, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            if (step == null) {
                continue;
            }
            String id = step.id();
            if (id == null || id.isBlank()) {
                v.add("steps[" + i + "].id", "is required");
            } else if (!STEP_ID.matcher(id).matches() || id.length() > MAX_TEXT) {
                v.add("steps[" + i + "].id", "step id '" + id + "' must match " + STEP_ID
                        + " and be at most " + MAX_TEXT + " characters");
            } else if (firstAt.putIfAbsent(id, i) != null) {
                v.add("steps[" + i + "].id", "duplicate step id '" + id + "', also steps[" + firstAt.get(id) + "]");
            } else {
                byId.put(id, step);
            }
        }
        return byId;
    }

    /** Reports each id of {@code ids} that names no step. */
    static void references(Violations v, String field, StepSpec step, String verb, List<String> ids,
            Map<String, StepSpec> byId) {
        for (String id : ids) {
            v.check(id == null || !byId.containsKey(id), field,
                    "step '" + step.id() + "' " + verb + " unknown step '" + id + "'");
        }
    }

    private static void cycles(Violations v, WorkflowSpec spec) {
        for (List<String> cycle : WorkflowGraph.of(spec).cycles()) {
            int at = 0;
            while (!cycle.get(0).equals(spec.steps().get(at) == null ? null : spec.steps().get(at).id())) {
                at++;
            }
            v.add("steps[" + at + "].dependsOn", "steps " + String.join(" -> ", cycle)
                    + " depend on each other in a cycle (each depends on the next)");
        }
    }
}
