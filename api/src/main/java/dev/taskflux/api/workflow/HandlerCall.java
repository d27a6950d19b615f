package dev.taskflux.api.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler and the params it is called with, for a step's compensation or a pipeline's merge.
 *
 * @param handler the registered handler to run
 * @param params  JSON-compatible params; string values may hold <code>${...}</code> templates
 */
public record HandlerCall(String handler, Map<String, Object> params) {

    public HandlerCall {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A call of {@code handler} without params. */
    public static HandlerCall of(String handler) {
        return new HandlerCall(handler, Map.of());
    }
}
