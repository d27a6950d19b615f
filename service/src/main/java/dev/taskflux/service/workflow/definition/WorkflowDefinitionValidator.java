package dev.taskflux.service.workflow.definition;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowGraph;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.api.workflow.WorkflowSpecValidator;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.workflow.expression.ExpressionException;
import dev.taskflux.service.workflow.expression.ParameterTemplates;
import dev.taskflux.service.workflow.expression.WorkflowExpressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a workflow definition against what the service knows: its structure (through
 * {@link WorkflowSpecValidator}), that every handler it names is registered and accepts its params,
 * that its CEL expressions and templates compile, and that each step reads only the outputs of
 * steps upstream of it. Every problem is reported at once. Thread-safe.
 */
public class WorkflowDefinitionValidator {

    private final HandlerRegistry handlers;
    private final WorkflowExpressions expressions;
    private final ParameterTemplates templates;

    /** A validator looking handlers up in {@code handlers} and compiling with {@code expressions} and {@code templates}. */
    public WorkflowDefinitionValidator(HandlerRegistry handlers, WorkflowExpressions expressions,
            ParameterTemplates templates) {
        this.handlers = handlers;
        this.expressions = expressions;
        this.templates = templates;
    }

    /**
     * Validates {@code spec}.
     *
     * @throws InvalidArgumentException naming every offending field, such as {@code steps[2].params.file}
     */
    public void validate(WorkflowSpec spec) {
        List<FieldViolation> found = new ArrayList<>();
        collect(found, () -> WorkflowSpecValidator.validate(spec));
        WorkflowGraph graph = WorkflowGraph.of(spec);
        for (int i = 0; i < spec.steps().size(); i++) {
            StepSpec step = spec.steps().get(i);
            if (step == null) {
                continue;
            }
            String at = "steps[" + i + "]";
            StepParts.handlers(step, at).forEach(use -> handler(found, use));
            for (StepParts.Source source : StepParts.sources(step, at)) {
                if (collect(found, () -> compile(source)) && step.id() != null) {
                    reads(found, graph, step, source);
                }
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidArgumentException(found);
        }
    }

    /**
     * The ids of {@code spec}'s steps, each after every step it depends on; among steps ready at
     * the same time the one declared first comes first, so the order is deterministic.
     *
     * @throws InvalidArgumentException if the spec's structure is invalid, for example cyclic
     */
    public List<String> topologicalOrder(WorkflowSpec spec) {
        WorkflowSpecValidator.validate(spec);
        return WorkflowGraph.of(spec).topologicalOrder();
    }

    private void handler(List<FieldViolation> found, StepParts.HandlerUse use) {
        if (!handlers.contains(use.handler())) {
            found.add(new FieldViolation(use.prefix() + ".handler", "unknown handler '" + use.handler()
                    + "'; known: " + String.join(", ", handlers.names())));
        } else if (!StepParts.hasTemplates(use.params())) {
            // templated params are known only at run time, where the handler checks them again
            try {
                handlers.validate(use.handler(), use.params());
            } catch (InvalidArgumentException e) {
                e.violations().forEach(v -> found.add(new FieldViolation(use.prefix() + "." + v.field(), v.reason())));
            }
        }
    }

    private void compile(StepParts.Source source) {
        if (source.params() != null) {
            templates.check(source.params(), source.field());
        } else if (source.condition()) {
            expressions.checkCondition(source.expression(), source.field());
        } else {
            expressions.check(source.expression(), source.field());
        }
    }

    private void reads(List<FieldViolation> found, WorkflowGraph graph, StepSpec step, StepParts.Source source) {
        Set<String> read;
        try {
            read = source.params() != null ? templates.referencedSteps(source.params())
                    : expressions.referencedSteps(source.expression());
        } catch (ExpressionException e) {
            return; // already reported by compile
        }
        Set<String> upstream = graph.upstreamOf(step.id());
        for (String id : read) {
            boolean own = source.compensation() && id.equals(step.id());
            if (!graph.contains(id)) {
                found.add(new FieldViolation(source.field(),
                        "step '" + step.id() + "' reads steps." + id + ", which is not a step"));
            } else if (!own && !upstream.contains(id)) {
                found.add(new FieldViolation(source.field(),
                        "step '" + step.id() + "' reads steps." + id + ", which is not upstream of it"));
            }
        }
    }

    /** Runs {@code check}, adding what it rejects to {@code found}; whether it passed. */
    private static boolean collect(List<FieldViolation> found, Runnable check) {
        try {
            check.run();
            return true;
        } catch (InvalidArgumentException e) {
            found.addAll(e.violations());
            return false;
        }
    }
}
