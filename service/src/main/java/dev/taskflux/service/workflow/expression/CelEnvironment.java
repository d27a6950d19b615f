package dev.taskflux.service.workflow.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.stream.Collectors;

/**
 * The one CEL environment workflow expressions run in: the standard functions and macros, the
 * variables {@code inputs}, {@code steps} and {@code item}, and nothing else. No host functions
 * are bound, so an expression can neither call Java nor touch files or the network.
 */
final class CelEnvironment {

    static final String INPUTS = "inputs";
    static final String STEPS = "steps";
    static final String ITEM = "item";

    /** Bounds the work one evaluation may do in comprehensions such as {@code map} and {@code all}. */
    private static final int ITERATION_BUDGET = 100_000;

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    CelEnvironment() {
        CelOptions options = CelOptions.current()
                // JSON does not tell 1 from 1.0, so 2 < 2.5 must compare across int and double
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(ITERATION_BUDGET)
                .build();
        MapType jsonObject = MapType.create(SimpleType.STRING, SimpleType.DYN);
        this.compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(INPUTS, jsonObject)
                .addVar(STEPS, jsonObject)
                .addVar(ITEM, SimpleType.DYN)
                .build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    }

    /** Parses and type-checks {@code source} into a runnable expression. */
    CompiledExpression compile(String source) throws InvalidExpression {
        if (source == null || source.isBlank()) {
            throw new InvalidExpression("expression must not be empty");
        }
        CelValidationResult result = compiler.compile(source);
        if (result.hasError()) {
            throw new InvalidExpression(describe(source, result));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CompiledExpression(source, ast.getResultType(), runtime.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new InvalidExpression("invalid expression '" + source + "': " + e.getMessage());
        }
    }

    /** Parses {@code source} without type-checking, for looking at its shape. */
    CelAbstractSyntaxTree parse(String source) throws InvalidExpression {
        CelValidationResult result = compiler.parse(source);
        if (result.hasError()) {
            throw new InvalidExpression(describe(source, result));
        }
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidExpression(describe(source, result));
        }
    }

    private static String describe(String source, CelValidationResult result) {
        return "invalid expression '" + source + "': " + result.getErrors().stream()
                .map(CelEnvironment::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(CelIssue issue) {
        String message = issue.getMessage().replace(" (in container '')", "");
        CelSourceLocation at = issue.getSourceLocation();
        if (at.equals(CelSourceLocation.NONE)) {
            return message;
        }
        // CEL counts columns from 0; people count from 1
        return message + " (at line " + at.getLine() + ", column " + (at.getColumn() + 1) + ")";
    }
}
