package dev.taskflux.service.workflow.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.TaskSpecValidator;
import dev.taskflux.api.workflow.FailurePolicy;
import dev.taskflux.api.workflow.HandlerCall;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.MapFailurePolicy;
import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepType;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.task.TaskDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workflow spec as JSON: the body of {@code POST /workflows} and {@code PUT /workflows/{id}},
 * the spec part of every workflow response and the document stored with each version. Follows the
 * conventions of {@link TaskDocument}: ISO-8601 durations and instants, a retry object with the
 * same fields, absent fields for defaults; a CONDITION step's false branch is {@code else}.
 *
 * @param name          a human name, unique among the owner's live definitions
 * @param owner         who owns it; {@value TaskSpecValidator#MAX_TEXT} characters at most, {@code default} when absent
 * @param description   free text
 * @param inputs        the inputs a run accepts
 * @param steps         the steps
 * @param failurePolicy FAIL_FAST (default) or CONTINUE
 * @param timeout       how long one run may take
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDocument(String name, String owner, String description, List<InputDocument> inputs,
        List<StepDocument> steps, FailurePolicy failurePolicy, Duration timeout) {

    /** One input; {@code required} defaults to false, {@code default} is the value used when a run omits it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputDocument(String name, Boolean required, @JsonProperty("default") Object defaultValue,
            String description) {
    }

    /** One step; which fields apply depends on {@code type}, as described on {@link StepSpec}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record StepDocument(String id, StepType type, List<String> dependsOn, Duration timeout,
            TaskDocument.RetryDocument retry, HandlerCall compensate, String handler, Map<String, Object> params,
            String expression, List<String> then, @JsonProperty("else") List<String> otherwise, Duration duration,
            Instant until, String items, Integer concurrency, Boolean deduplicate, MapFailurePolicy failure,
            List<PipelineStage> stages, HandlerCall merge, String workflow, Map<String, Object> inputs) {

        StepSpec toSpec() {
            return new StepSpec(id, type, dependsOn, timeout, TaskDocument.retryPolicy(retry), compensate, handler,
                    params, expression, then, otherwise, duration, until, items, concurrency,
                    Boolean.TRUE.equals(deduplicate), failure, stages, merge, workflow, inputs);
        }

        static StepDocument of(StepSpec s) {
            return new StepDocument(s.id(), s.type(), s.dependsOn(), s.timeout(), retry(s.retry()), s.compensate(),
                    s.handler(), s.params(), s.expression(), s.then(), s.otherwise(), s.duration(), s.until(),
                    s.items(), s.concurrency(), s.deduplicate() ? Boolean.TRUE : null,
                    s.type() == StepType.MAP ? s.failure() : null, s.stages(), s.merge(), s.workflow(), s.inputs());
        }

        private static TaskDocument.RetryDocument retry(RetryPolicy r) {
            return r.equals(RetryPolicy.NONE) ? null : TaskDocument.RetryDocument.of(r);
        }
    }

    /** The document of a stored definition's spec and owner. */
    public static WorkflowDocument of(String owner, WorkflowSpec spec) {
        return new WorkflowDocument(spec.name(), owner, spec.description(),
                spec.inputs().stream().map(i -> i == null ? null
                        : new InputDocument(i.name(), i.required() ? Boolean.TRUE : null, i.defaultValue(),
                                i.description())).toList(),
                spec.steps().stream().map(s -> s == null ? null : StepDocument.of(s)).toList(),
                spec.failurePolicy(), spec.timeout());
    }

    /** The owner, {@code default} when absent or blank. */
    public String ownerOrDefault() {
        return owner == null || owner.isBlank() ? dev.taskflux.api.TaskSpec.DEFAULT_OWNER : owner;
    }

    /**
     * The spec this document describes, before validation; {@code null} elements stay in place so
     * the validator names them.
     */
    public WorkflowSpec toSpec() {
        List<InputSpec> in = inputs == null ? null : inputs.stream().map(i -> i == null ? null
                : new InputSpec(i.name(), Boolean.TRUE.equals(i.required()), i.defaultValue(), i.description()))
                .toList();
        List<StepSpec> st = steps == null ? null : steps.stream().map(s -> s == null ? null : s.toSpec()).toList();
        return new WorkflowSpec(name, description, in, st, failurePolicy, timeout);
    }
}
