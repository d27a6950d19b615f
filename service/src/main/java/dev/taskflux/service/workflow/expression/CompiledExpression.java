package dev.taskflux.service.workflow.expression;

import dev.cel.common.CelErrorCode;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A type-checked expression ready to run. CEL programs are immutable, so one instance serves any
 * number of concurrent evaluations.
 *
 * @param source     the expression text
 * @param resultType the type the checker inferred, {@code dyn} when it depends on the data
 * @param program    the runnable program
 */
record CompiledExpression(String source, CelType resultType, CelRuntime.Program program) {

    private static final Pattern CEL_POSITION = Pattern.compile("^evaluation error at <input>:(\\d+): ");

    /** Runs the program over CEL-ready {@code variables}; the result is still a CEL value. */
    Object evaluate(Map<String, Object> variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new ExpressionException(failure(e), e);
        } catch (RuntimeException e) {
            throw new ExpressionException("expression '" + source + "' failed: " + e.getMessage(), e);
        }
    }

    private String failure(CelEvaluationException e) {
        String message = String.valueOf(e.getMessage());
        String where = "";
        Matcher position = CEL_POSITION.matcher(message);
        if (position.find()) {
            where = " at offset " + position.group(1);
            message = message.substring(position.end());
        }
        String hint = e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND && message.contains("not present")
                ? " (has(...) tests whether a key is present)"
                : "";
        return "expression '" + source + "' failed" + where + ": " + message + hint;
    }
}
