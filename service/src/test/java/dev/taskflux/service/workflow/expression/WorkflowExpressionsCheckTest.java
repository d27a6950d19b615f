package dev.taskflux.service.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Definition-time checks: what compiles, what is rejected and how the rejection reads. */
class WorkflowExpressionsCheckTest {

    private final WorkflowExpressions expressions = new WorkflowExpressions();

    @Test
    void checkAcceptsValidExpressions() {
        expressions.check("steps.prepare.output.rows > inputs.count", "steps.deploy.when");
        expressions.check("item.id", "steps.fan.params.id");
    }

    @Test
    void checkNamesTheFieldOfAnUnknownVariable() {
        assertThatThrownBy(() -> expressions.check("foo.bar == 1", "steps.deploy.when"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    FieldViolation violation = e.violations().get(0);
                    assertThat(violation.field()).isEqualTo("steps.deploy.when");
                    assertThat(violation.reason())
                            .isEqualTo("invalid expression 'foo.bar == 1': undeclared reference to 'foo' (at line 1, column 1)");
                });
    }

    @Test
    void checkNamesTheFieldOfASyntaxError() {
        assertThatThrownBy(() -> expressions.check("inputs.x >", "when"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("when");
                            assertThat(v.reason()).contains("mismatched input '<EOF>'").contains("column");
                        }));
    }

    @Test
    void checkRejectsStaticTypeErrors() {
        assertThatThrownBy(() -> expressions.check("1 + 'a'", "when"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("when: invalid expression '1 + 'a'': found no matching overload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void checkRejectsEmptyExpressions(String expression) {
        assertThatThrownBy(() -> expressions.check(expression, "when"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("when: expression must not be empty");
    }

    @Test
    void checkConditionRejectsExpressionsThatCannotBeBoolean() {
        expressions.checkCondition("inputs.flag", "when");
        expressions.checkCondition("inputs.count > 1", "when");

        assertThatThrownBy(() -> expressions.checkCondition("size(inputs.tags)", "when"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("when: condition 'size(inputs.tags)' must be a bool, not int");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "exec('rm -rf /')",
        "java.lang.Runtime.getRuntime()",
        "readFile('/etc/passwd')",
        "inputs.env.getClass()"
    })
    void nothingOutsideCelCanBeCalled(String expression) {
        assertThatThrownBy(() -> expressions.check(expression, "when"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("undeclared reference");
    }

    @Test
    void referencedStepsComeFromTheSyntaxTree() {
        assertThat(expressions.referencedSteps(
                "has(steps.a) && steps['b'].output > inputs.steps.c && 'steps.d' != '' && steps.e.output.x"))
                .containsExactly("a", "b", "e");
        assertThat(expressions.referencedSteps("steps[inputs.name].status")).isEmpty();
    }
}
