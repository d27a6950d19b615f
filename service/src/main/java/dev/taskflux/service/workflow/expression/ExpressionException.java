package dev.taskflux.service.workflow.expression;

import dev.taskflux.api.error.TaskfluxException;

/**
 * A workflow expression or parameter template could not be evaluated: it failed at run time (a
 * missing key, a type mismatch, an exhausted iteration budget), a condition did not yield a
 * boolean, or a value could not cross between JSON and CEL. The message names the expression and,
 * for templates, the parameter.
 */
public class ExpressionException extends TaskfluxException {

    /** A failure described by {@code message}. */
    public ExpressionException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
