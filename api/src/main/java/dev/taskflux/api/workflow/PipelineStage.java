package dev.taskflux.api.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stage of a {@link StepType#PIPELINE} step. Each item passes the stages in order; a stage
 * with a {@code when} condition handles only the items it yields {@code true} for.
 *
 * @param name        unique within the pipeline
 * @param handler     the registered handler run per item
 * @param params      JSON-compatible params; templates may read {@code item}
 * @param concurrency items handled at once, 1 to {@link WorkflowSpecValidator#MAX_CONCURRENCY};
 *                    {@code null} for the engine's default
 * @param when        a CEL condition over {@code item} routing items to this stage; {@code null} for all
 */
public record PipelineStage(String name, String handler, Map<String, Object> params, Integer concurrency,
        String when) {

    public PipelineStage {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A stage running {@code handler} for every item, without params. */
    public static PipelineStage of(String name, String handler) {
        return new PipelineStage(name, handler, Map.of(), null, null);
    }
}
