package dev.taskflux.service.workflow.expression;

/**
 * Why an expression or template was rejected before it could run. Checked, so every caller decides
 * whether it becomes a field violation (at definition time) or an {@link ExpressionException}.
 */
final class InvalidExpression extends Exception {

    InvalidExpression(String reason) {
        super(reason);
    }
}
