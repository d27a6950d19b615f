package dev.taskflux.api.workflow;

import dev.taskflux.api.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a workflow. The common fields apply to every step; the others only to the
 * {@link #type()} named beside them and are {@code null} (or empty) elsewhere. Build one with the
 * factories in the domain's words, such as {@code StepSpec.task("load", "http").dependsOn("prepare").build()}.
 *
 * @param id          unique in the workflow, matching {@code [A-Za-z_][A-Za-z0-9_-]*}; templates read it as {@code steps.<id>}
 * @param type        what the step does
 * @param dependsOn   ids of the steps that must finish first
 * @param timeout     how long one attempt may take; {@code null} for no limit (required for SIGNAL)
 * @param retry       how failed attempts are retried; {@link RetryPolicy#NONE} by default
 * @param compensate  the handler undoing the step's effect when the run fails, or {@code null}
 * @param handler     TASK, MAP: the registered handler to run
 * @param params      TASK, MAP: JSON-compatible params; string values may hold <code>${...}</code> templates
 * @param expression  CONDITION: a CEL boolean expression
 * @param then        CONDITION: the dependents that run when the expression is true
 * @param otherwise   CONDITION: the dependents that run when it is false ({@code else} in JSON)
 * @param duration    WAIT: how long to wait (exclusive with {@code until})
 * @param until       WAIT: the instant to wait for (exclusive with {@code duration})
 * @param items       MAP, PIPELINE: a CEL expression yielding the list of items
 * @param concurrency MAP: items handled at once, 1 to 1024; {@code null} for the engine's default
 * @param deduplicate MAP: whether equal items are handled once
 * @param failure     MAP: what a failed item does to the step; {@link MapFailurePolicy#FAIL_FAST} by default
 * @param stages      PIPELINE: the ordered stages
 * @param merge       PIPELINE: the handler combining the stage results, or {@code null}
 * @param workflow    SUB_WORKFLOW: the name or id of the definition to run
 * @param inputs      SUB_WORKFLOW: the inputs passed to it; values may hold templates
 */
public record StepSpec(String id, StepType type, List<String> dependsOn, Duration timeout, RetryPolicy retry,
        HandlerCall compensate, String handler, Map<String, Object> params, String expression, List<String> then,
        List<String> otherwise, Duration duration, Instant until, String items, Integer concurrency,
        boolean deduplicate, MapFailurePolicy failure, List<PipelineStage> stages, HandlerCall merge,
        String workflow, Map<String, Object> inputs) {

    public StepSpec {
        dependsOn = copy(dependsOn);
        retry = retry == null ? RetryPolicy.NONE : retry;
        params = copy(params);
        then = copy(then);
        otherwise = copy(otherwise);
        failure = failure == null ? MapFailurePolicy.FAIL_FAST : failure;
        stages = copy(stages);
        inputs = copy(inputs);
    }

    /** A step of {@code type}, to be completed with the builder. */
    public static StepBuilder builder(String id, StepType type) {
        return new StepBuilder(id, type);
    }

    /** A TASK step running {@code handler}. */
    public static StepBuilder task(String id, String handler) {
        return builder(id, StepType.TASK).handler(handler);
    }

    /** A CONDITION step on the CEL boolean {@code expression}. */
    public static StepBuilder condition(String id, String expression) {
        return builder(id, StepType.CONDITION).expression(expression);
    }

    /** A WAIT step lasting {@code duration}. */
    public static StepBuilder waitFor(String id, Duration duration) {
        return builder(id, StepType.WAIT).duration(duration);
    }

    /** A WAIT step lasting until {@code until}. */
    public static StepBuilder waitUntil(String id, Instant until) {
        return builder(id, StepType.WAIT).until(until);
    }

    /** A SIGNAL step waiting at most {@code timeout} for its signal. */
    public static StepBuilder signal(String id, Duration timeout) {
        return builder(id, StepType.SIGNAL).timeout(timeout);
    }

    /** A MAP step running {@code handler} for each item the CEL expression {@code items} yields. */
    public static StepBuilder map(String id, String items, String handler) {
        return builder(id, StepType.MAP).items(items).handler(handler);
    }

    /** A PIPELINE step passing each item {@code items} yields through {@code stages}. */
    public static StepBuilder pipeline(String id, String items, PipelineStage... stages) {
        return builder(id, StepType.PIPELINE).items(items).stages(stages);
    }

    /** A SUB_WORKFLOW step running the definition named (or identified) by {@code workflow}. */
    public static StepBuilder subWorkflow(String id, String workflow) {
        return builder(id, StepType.SUB_WORKFLOW).workflow(workflow);
    }

    /** A builder pre-filled with this step, to derive a changed copy. */
    public StepBuilder toBuilder() {
        return StepBuilder.from(this);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
