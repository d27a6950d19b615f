package dev.taskflux.service.workflow.expression;

import dev.cel.common.types.SimpleType;
import dev.taskflux.api.error.InvalidArgumentException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles and evaluates workflow expressions written in CEL, the Common Expression Language. An
 * expression sees three variables: {@code inputs}, the run's inputs; {@code steps}, each finished
 * step by id as {@code {"output": ..., "status": "COMPLETED"}}; and {@code item}, the current item
 * of a fan-out step ({@code null} elsewhere). Only CEL's standard functions and macros exist, so an
 * expression can neither call Java nor reach files or the network, and each evaluation has a
 * bounded iteration budget.
 *
 * <p>Thread-safe. Compiled expressions are cached by source text, least recently used dropped first.
 */
public final class WorkflowExpressions {

    /** How many compiled expressions {@link #WorkflowExpressions()} keeps. */
    public static final int DEFAULT_CACHE_CAPACITY = 1024;

    private final CelEnvironment environment = new CelEnvironment();
    private final ExpressionCache cache;

    /** Expressions with a cache of {@link #DEFAULT_CACHE_CAPACITY} compiled expressions. */
    public WorkflowExpressions() {
        this(DEFAULT_CACHE_CAPACITY);
    }

    /** Expressions with a cache of at most {@code cacheCapacity} compiled expressions. */
    public WorkflowExpressions(int cacheCapacity) {
        this.cache = new ExpressionCache(cacheCapacity);
    }

    /**
     * Checks that {@code expression} parses and type-checks.
     *
     * @throws InvalidArgumentException naming {@code field}, with CEL's reason, if it does not
     */
    public void check(String expression, String field) {
        problem(expression).ifPresent(reason -> {
            throw InvalidArgumentException.of(field, reason);
        });
    }

    /**
     * Checks that {@code expression} compiles and could yield a boolean: its type is {@code bool},
     * or only known at run time (as for {@code inputs.enabled}).
     *
     * @throws InvalidArgumentException naming {@code field} if it does not compile or has another type
     */
    public void checkCondition(String expression, String field) {
        check(expression, field);
        String type = compiled(expression).resultType().name();
        if (!type.equals(SimpleType.BOOL.name()) && !type.equals(SimpleType.DYN.name())) {
            throw InvalidArgumentException.of(field,
                    "condition '" + expression + "' must be a bool, not " + type);
        }
    }

    /**
     * Evaluates a condition.
     *
     * @return the boolean the expression yields
     * @throws ExpressionException if it does not compile, fails at run time or yields a non-boolean
     */
    public boolean evaluateCondition(String expression, Map<String, Object> inputs,
            Map<String, Object> steps, Object item) {
        Object result = run(expression, inputs, steps, item);
        if (result instanceof Boolean answer) {
            return answer;
        }
        throw new ExpressionException("condition '" + expression + "' must yield a bool, but yielded "
                + describe(result));
    }

    /**
     * Evaluates an expression to a JSON value: a map, list, string, {@code Long}, {@code Double},
     * {@code Boolean} or {@code null}. A timestamp becomes its ISO-8601 string.
     *
     * @throws ExpressionException if it does not compile, fails at run time or yields a value JSON
     *     cannot hold (bytes, uint, duration, type, NaN)
     */
    public Object evaluate(String expression, Map<String, Object> inputs, Map<String, Object> steps,
            Object item) {
        Object result = run(expression, inputs, steps, item);
        try {
            return CelValues.toJson(result);
        } catch (ExpressionException e) {
            throw new ExpressionException("expression '" + expression + "' yielded no JSON value: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The ids of the steps {@code expression} reads as {@code steps.<id>} or {@code steps['<id>']},
     * sorted; a computed lookup such as {@code steps[inputs.name]} names none. Call
     * {@link #check} first: this only parses.
     *
     * @throws ExpressionException if it does not parse
     */
    public Set<String> referencedSteps(String expression) {
        try {
            return StepReferences.in(environment.parse(expression));
        } catch (InvalidExpression e) {
            throw new ExpressionException(e.getMessage(), e);
        }
    }

    /** Why {@code expression} does not compile, if it does not. */
    Optional<String> problem(String expression) {
        try {
            compile(expression);
            return Optional.empty();
        } catch (InvalidExpression e) {
            return Optional.of(e.getMessage());
        }
    }

    private Object run(String expression, Map<String, Object> inputs, Map<String, Object> steps,
            Object item) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CelEnvironment.INPUTS, CelValues.toCel(inputs == null ? Map.of() : inputs));
        variables.put(CelEnvironment.STEPS, CelValues.toCel(steps == null ? Map.of() : steps));
        variables.put(CelEnvironment.ITEM, CelValues.toCel(item));
        return compiled(expression).evaluate(variables);
    }

    private CompiledExpression compiled(String expression) {
        try {
            return compile(expression);
        } catch (InvalidExpression e) {
            throw new ExpressionException(e.getMessage(), e);
        }
    }

    private CompiledExpression compile(String expression) throws InvalidExpression {
        CompiledExpression cached = cache.find(expression);
        if (cached == null) {
            cached = environment.compile(expression);
            cache.remember(cached);
        }
        return cached;
    }

    private static String describe(Object value) {
        String type = CelValues.typeName(value);
        if (type.equals("null")) {
            return type;
        }
        String text = String.valueOf(value);
        return type + " " + (text.length() <= 80 ? text : text.substring(0, 77) + "...");
    }
}
