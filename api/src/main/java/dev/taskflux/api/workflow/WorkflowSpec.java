package dev.taskflux.api.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A reusable workflow template: the part of a workflow definition its owner writes. The service
 * assigns ids and versions when it stores one; runs are started from a stored version.
 *
 * @param name          a human name, also how sub-workflow steps may refer to the definition
 * @param description   free text
 * @param inputs        the inputs a run accepts
 * @param steps         the steps, a directed acyclic graph through their {@code dependsOn}
 * @param failurePolicy what a run does when a step fails for good; {@link FailurePolicy#FAIL_FAST} by default
 * @param timeout       how long one run may take; {@code null} for no limit
 */
public record WorkflowSpec(String name, String description, List<InputSpec> inputs, List<StepSpec> steps,
        FailurePolicy failurePolicy, Duration timeout) {

    public WorkflowSpec {
        inputs = copy(inputs);
        steps = copy(steps);
        failurePolicy = failurePolicy == null ? FailurePolicy.FAIL_FAST : failurePolicy;
    }

    /** A workflow of {@code steps} without inputs, description or timeout, failing fast. */
    public static WorkflowSpec of(String name, StepSpec... steps) {
        return new WorkflowSpec(name, null, List.of(), Arrays.asList(steps), FailurePolicy.FAIL_FAST, null);
    }

    /** A copy with {@code inputs}. */
    public WorkflowSpec withInputs(InputSpec... inputs) {
        return new WorkflowSpec(name, description, Arrays.asList(inputs), steps, failurePolicy, timeout);
    }

    /** A copy with {@code steps}. */
    public WorkflowSpec withSteps(List<StepSpec> steps) {
        return new WorkflowSpec(name, description, inputs, steps, failurePolicy, timeout);
    }

    // keeps null elements so the validator can name them instead of construction failing
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
