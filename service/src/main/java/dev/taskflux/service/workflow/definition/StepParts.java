package dev.taskflux.service.workflow.definition;

import dev.taskflux.api.workflow.HandlerCall;
import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a step the service checks, each named by its field path: the handlers it calls and
 * the CEL expressions and templates it holds. Parts left out of the step are not listed; the api
 * validator reports the required ones missing.
 */
final class StepParts {

    /** A handler called with {@code params}; violations name fields under {@code prefix}. */
    record HandlerUse(String prefix, String handler, Map<String, Object> params) {
    }

    /** An expression ({@code params == null}) or a params tree of templates, at {@code field}. */
    record Source(String field, String expression, boolean condition, Map<String, Object> params,
            boolean compensation) {
    }

    private StepParts() {
    }

    static List<HandlerUse> handlers(StepSpec step, String at) {
        List<HandlerUse> uses = new ArrayList<>();
        addHandler(uses, at, step.handler(), step.params());
        call(uses, at + ".compensate", step.compensate());
        for (int k = 0; k < step.stages().size(); k++) {
            PipelineStage stage = step.stages().get(k);
            if (stage != null) {
                addHandler(uses, at + ".stages[" + k + "]", stage.handler(), stage.params());
            }
        }
        call(uses, at + ".merge", step.merge());
        return uses;
    }

    static List<Source> sources(StepSpec step, String at) {
        List<Source> sources = new ArrayList<>();
        expression(sources, at + ".expression", step.expression(), true);
        expression(sources, at + ".items", step.items(), false);
        templates(sources, at + ".params", step.params(), false);
        templates(sources, at + ".inputs", step.inputs(), false);
        if (step.compensate() != null) {
            templates(sources, at + ".compensate.params", step.compensate().params(), true);
        }
        for (int k = 0; k < step.stages().size(); k++) {
            PipelineStage stage = step.stages().get(k);
            if (stage != null) {
                expression(sources, at + ".stages[" + k + "].when", stage.when(), true);
                templates(sources, at + ".stages[" + k + "].params", stage.params(), false);
            }
        }
        if (step.merge() != null) {
            templates(sources, at + ".merge.params", step.merge().params(), false);
        }
        return sources;
    }

    /** Whether any string in {@code value} holds a <code>${</code>, so its value is known only at run time. */
    static boolean hasTemplates(Object value) {
        if (value instanceof String text) {
            return text.contains("${");
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(StepParts::hasTemplates);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(StepParts::hasTemplates);
        }
        return false;
    }

    private static void call(List<HandlerUse> uses, String prefix, HandlerCall call) {
        if (call != null) {
            addHandler(uses, prefix, call.handler(), call.params());
        }
    }

    private static void addHandler(List<HandlerUse> uses, String prefix, String handler, Map<String, Object> params) {
        if (handler != null && !handler.isBlank()) {
            uses.add(new HandlerUse(prefix, handler, params));
        }
    }

    private static void expression(List<Source> sources, String field, String expression, boolean condition) {
        if (expression != null && !expression.isBlank()) {
            sources.add(new Source(field, expression, condition, null, false));
        }
    }

    private static void templates(List<Source> sources, String field, Map<String, Object> params, boolean compensation) {
        if (!params.isEmpty()) {
            sources.add(new Source(field, null, false, params, compensation));
        }
    }
}
