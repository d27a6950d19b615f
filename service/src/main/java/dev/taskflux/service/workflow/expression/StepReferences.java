package dev.taskflux.service.workflow.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.Operator;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the steps an expression reads, as {@code steps.<id>} or {@code steps['<id>']}, by walking
 * its parsed syntax tree, so names inside string literals or under {@code inputs} never count. A
 * computed lookup such as {@code steps[inputs.name]} names no step and is not reported.
 */
final class StepReferences {

    private StepReferences() {
    }

    /** The step ids {@code ast} reads, sorted. */
    static Set<String> in(CelAbstractSyntaxTree ast) {
        Set<String> ids = new TreeSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .map(CelNavigableExpr::expr)
                .forEach(expr -> stepId(expr).ifPresent(ids::add));
        return ids;
    }

    private static Optional<String> stepId(CelExpr expr) {
        if (expr.getKind() == Kind.SELECT && isSteps(expr.select().operand())) {
            return Optional.of(expr.select().field());
        }
        if (expr.getKind() == Kind.CALL && expr.call().function().equals(Operator.INDEX.getFunction())
                && expr.call().args().size() == 2 && isSteps(expr.call().args().get(0))) {
            CelExpr index = expr.call().args().get(1);
            if (index.getKind() == Kind.CONSTANT
                    && index.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                return Optional.of(index.constant().stringValue());
            }
        }
        return Optional.empty();
    }

    private static boolean isSteps(CelExpr expr) {
        return expr.getKind() == Kind.IDENT && expr.ident().name().equals(CelEnvironment.STEPS);
    }
}
