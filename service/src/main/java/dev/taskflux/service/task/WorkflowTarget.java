package dev.taskflux.service.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow a task starts instead of calling a handler: {@code "workflow": {"id": ..., "inputs": {...}}}
 * in a task's JSON. Stored as a task of the built-in handler {@value #HANDLER} whose params hold
 * the workflow ({@value #WORKFLOW}) and the inputs ({@value #INPUTS}).
 *
 * @param id     the workflow definition's id, or its name within the task's owner
 * @param inputs the inputs of every run the task starts
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WorkflowTarget(String id, Map<String, Object> inputs) {

    /** The name of the handler that starts workflow runs. */
    public static final String HANDLER = "workflow";
    /** The param naming the workflow. */
    public static final String WORKFLOW = "workflow";
    /** The param holding the inputs. */
    public static final String INPUTS = "inputs";

    /** The handler params of this target. */
    public Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(WORKFLOW, id);
        params.put(INPUTS, inputs == null ? Map.of() : inputs);
        return params;
    }

    /** The target a task of {@code handler} with {@code params} starts, if it starts one. */
    @SuppressWarnings("unchecked")
    public static Optional<WorkflowTarget> of(String handler, Map<String, Object> params) {
        if (!HANDLER.equals(handler) || !(params.get(WORKFLOW) instanceof String id)) {
            return Optional.empty();
        }
        Object inputs = params.get(INPUTS);
        return Optional.of(new WorkflowTarget(id, inputs instanceof Map<?, ?> map ? (Map<String, Object>) map : null));
    }
}
