package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.MapFailurePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The items of a MAP or PIPELINE step and what its handlers are called with for each. */
final class Items {

    private Items() {
    }

    /** The list the step's {@code items} expression yields. */
    static List<?> of(StepCall call) {
        Object items = call.support().expressions().evaluate(call.step().items(), call.run().inputs(),
                call.finishedSteps(), null);
        if (items instanceof List<?> list) {
            return list;
        }
        throw new StepFailure("items of step '" + call.step().id() + "' must be a list, not "
                + (items == null ? "null" : items.getClass().getSimpleName()));
    }

    /** The params for one item: {@code params} resolved for it, plus the item as {@code item} unless set. */
    static Map<String, Object> params(StepCall call, Map<String, Object> params, Object item) {
        Map<String, Object> resolved = new LinkedHashMap<>(call.params(params, item));
        resolved.putIfAbsent("item", item);
        return resolved;
    }

    /** The concurrency a step or stage names, or the engine's default. */
    static int concurrency(StepCall call, Integer named) {
        return named != null ? named : call.support().settings().defaultConcurrency();
    }

    /** The step's failure for {@code failed} failed items out of {@code total}, or {@code null} when it succeeds. */
    static StepFailure failure(StepCall call, long failed, long total, String first, Object output) {
        if (failed == 0 || call.step().failure() == MapFailurePolicy.NEVER) {
            return null;
        }
        return new StepFailure(failed + " of " + total + " items failed; first: " + first, output);
    }
}
