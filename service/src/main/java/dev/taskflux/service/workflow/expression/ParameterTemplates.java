package dev.taskflux.service.workflow.expression;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.Violations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves <code>${...}</code> templates in a step's JSON params. Each placeholder holds a CEL
 * expression over {@code inputs}, {@code steps} and {@code item}, as in
 * <code>${inputs.path}</code>, <code>${steps.prepare.output.file}</code> or <code>${item.id}</code>.
 *
 * <ul>
 *   <li>A string that is exactly one placeholder becomes the expression's value, keeping its JSON
 *       type: a map stays a map, a number a number.</li>
 *   <li>A string with text around a placeholder, or several placeholders, is interpolated:
 *       strings, numbers and booleans as plain text, maps and lists as JSON, null as {@code null},
 *       as in <code>"report-${inputs.date}.csv"</code>.</li>
 *   <li><code>$${</code> writes a literal <code>${</code>.</li>
 * </ul>
 *
 * <p>Only string values are templates; keys, numbers and booleans are left as they are. A
 * violation or failure names the string by its path, such as {@code params.files[0].name}.
 * Thread-safe.
 */
public final class ParameterTemplates {

    private static final String ROOT = "params";

    private final WorkflowExpressions expressions;

    /** Templates whose placeholders are compiled and evaluated by {@code expressions}. */
    public ParameterTemplates(WorkflowExpressions expressions) {
        this.expressions = expressions;
    }

    /**
     * Checks every template in {@code params}: placeholders closed and not empty, each expression
     * compiling. {@code null} params are valid.
     *
     * @param field the path of {@code params} itself, such as {@code steps.prepare.params}; nested
     *     values are named {@code field.key} and {@code field[index]}
     * @throws InvalidArgumentException naming every offending value
     */
    public void check(Map<String, Object> params, String field) {
        Violations violations = new Violations();
        ParamTree.map(params, field, (text, path) -> {
            try {
                for (String expression : Template.parse(text).expressions()) {
                    expressions.problem(expression).ifPresent(reason -> violations.add(path, reason));
                }
            } catch (InvalidExpression e) {
                violations.add(path, e.getMessage());
            }
            return text;
        });
        violations.throwIfAny();
    }

    /**
     * The ids of the steps any template in {@code params} reads as {@code steps.<id>} or
     * {@code steps['<id>']}, sorted. Call {@link #check} first: this only parses.
     *
     * @throws ExpressionException naming the value if a template does not parse
     */
    public Set<String> referencedSteps(Map<String, Object> params) {
        Set<String> ids = new TreeSet<>();
        ParamTree.map(params, ROOT, (text, path) -> {
            for (String expression : template(text, path).expressions()) {
                try {
                    ids.addAll(expressions.referencedSteps(expression));
                } catch (ExpressionException e) {
                    throw new ExpressionException(path + ": " + e.getMessage(), e);
                }
            }
            return text;
        });
        return ids;
    }

    /**
     * A new params structure with every template replaced by its value; {@code params} is left
     * untouched, and {@code null} params resolve to an empty map.
     *
     * @param item the current item of a fan-out step, or {@code null}
     * @throws ExpressionException naming the value, such as {@code params.file}, whose template
     *     does not parse, compile or evaluate
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resolve(Map<String, Object> params, Map<String, Object> inputs,
            Map<String, Object> steps, Object item) {
        if (params == null) {
            return new LinkedHashMap<>();
        }
        return (Map<String, Object>) ParamTree.map(params, ROOT, (text, path) -> {
            Template template = template(text, path);
            try {
                return template.render(
                        expression -> expressions.evaluate(expression, inputs, steps, item));
            } catch (ExpressionException e) {
                throw new ExpressionException(path + ": " + e.getMessage(), e);
            }
        });
    }

    private static Template template(String text, String path) {
        try {
            return Template.parse(text);
        } catch (InvalidExpression e) {
            throw new ExpressionException(path + ": " + e.getMessage(), e);
        }
    }
}
