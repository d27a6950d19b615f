package dev.taskflux.service.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowExpressionsTest {

    private final WorkflowExpressions expressions = new WorkflowExpressions();

    private final Map<String, Object> inputs = Map.of(
            "count", 3,
            "threshold", 2.5,
            "env", "prod",
            "tags", List.of("x", "nightly"),
            "flag", true,
            "limits", Map.of("cpu", 4, "region", Map.of("name", "eu")));

    private final Map<String, Object> steps = Map.of(
            "prepare", completed(Map.of("file", "/tmp/a.csv", "rows", 1200, "parts", List.of(1, 2, 3))),
            "check", completed(true));

    static Map<String, Object> completed(Object output) {
        return Map.of("output", output, "status", "COMPLETED");
    }

    private boolean condition(String expression) {
        return expressions.evaluateCondition(expression, inputs, steps, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "inputs.count == 3",
        "inputs.count > 2",
        "inputs.count > inputs.threshold",
        "inputs.env == 'prod' && inputs.flag",
        "inputs.limits.region.name == 'eu'",
        "inputs.limits.cpu * 2 == 8",
        "'x' in inputs.tags",
        "size(inputs.tags) == 2",
        "has(inputs.flag)",
        "!has(inputs.missing)",
        "steps.prepare.status == 'COMPLETED'",
        "steps.prepare.output.rows >= 1000",
        "size(steps.prepare.output.parts) > 2",
        "steps.prepare.output.parts.all(p, p > 0)",
        "steps.prepare.output.file.endsWith('.csv')",
        "steps.check.output",
        "inputs.env.matches('^pr.d$')"
    })
    void conditionsThatHold(String expression) {
        assertThat(condition(expression)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "inputs.count < 3",
        "inputs.env == 'dev'",
        "'y' in inputs.tags",
        "size(inputs.tags) > 2",
        "has(inputs.absent)",
        "steps.prepare.output.rows < 1000",
        "steps.prepare.status != 'COMPLETED'",
        "inputs.limits.region.name in ['us', 'ap']"
    })
    void conditionsThatDoNotHold(String expression) {
        assertThat(condition(expression)).isFalse();
    }

    @Test
    void aConditionMayReadTheCurrentItem() {
        Map<String, Object> item = Map.of("id", 7, "kind", "big");

        assertThat(expressions.evaluateCondition("item.kind == 'big' && item.id > 5", inputs, steps, item))
                .isTrue();
    }

    @Test
    void aConditionThatIsNotABooleanIsRejected() {
        assertThatThrownBy(() -> condition("inputs.count + 1"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("condition 'inputs.count + 1' must yield a bool, but yielded int 4");
        assertThatThrownBy(() -> condition("inputs.env"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("yielded string prod");
    }

    @Test
    void aMissingKeyFailsWithTheKeyAndAHint() {
        assertThatThrownBy(() -> condition("inputs.region == 'eu'"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expression 'inputs.region == 'eu'' failed")
                .hasMessageContaining("key 'region' is not present in map")
                .hasMessageContaining("has(...)");
    }

    @Test
    void aMissingStepFailsAtRunTime() {
        assertThatThrownBy(() -> condition("steps.deploy.status == 'COMPLETED'"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("key 'deploy' is not present in map");
    }

    @Test
    void aTypeMismatchFailsAtRunTime() {
        assertThatThrownBy(() -> condition("inputs.env > 3"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expression 'inputs.env > 3' failed")
                .hasMessageContaining("No matching overload");
    }

    @Test
    void anExpressionWithoutAnItemCannotReadOne() {
        assertThatThrownBy(() -> expressions.evaluate("item.id", inputs, steps, null))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expression 'item.id' failed");
    }

    @Test
    void evaluateReturnsPlainJsonValues() {
        assertThat(expressions.evaluate("inputs.count", inputs, steps, null)).isEqualTo(3L);
        assertThat(expressions.evaluate("inputs.threshold * 2.0", inputs, steps, null)).isEqualTo(5.0);
        assertThat(expressions.evaluate("inputs.env + '-eu'", inputs, steps, null)).isEqualTo("prod-eu");
        assertThat(expressions.evaluate("inputs.tags", inputs, steps, null)).isEqualTo(List.of("x", "nightly"));
        assertThat(expressions.evaluate("steps.prepare.output.parts.map(p, p * 10)", inputs, steps, null))
                .isEqualTo(List.of(10L, 20L, 30L));
        assertThat(expressions.evaluate("inputs.limits", inputs, steps, null))
                .isEqualTo(Map.of("cpu", 4L, "region", Map.of("name", "eu")));
        assertThat(expressions.evaluate("{'ok': true, 'none': null}", inputs, steps, null))
                .isEqualTo(mapWithNull("ok", true, "none"));
        assertThat(expressions.evaluate("null", inputs, steps, null)).isNull();
    }

    @Test
    void nullsInTheInputsAreCelNulls() {
        Map<String, Object> withNull = mapWithNull("present", 1, "blank");

        assertThat(expressions.evaluateCondition("inputs.blank == null", withNull, Map.of(), null)).isTrue();
        assertThat(expressions.evaluate("inputs.blank", withNull, Map.of(), null)).isNull();
    }

    @Test
    void timestampsBecomeIsoStrings() {
        assertThat(expressions.evaluate("timestamp('2024-05-01T00:00:00Z') + duration('36h')", inputs, steps, null))
                .isEqualTo("2024-05-02T12:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b'raw'", "1u", "duration('1h')", "int", "0.0 / 0.0"})
    void resultsJsonCannotHoldAreRejected(String expression) {
        assertThatThrownBy(() -> expressions.evaluate(expression, inputs, steps, null))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("expression '" + expression + "' yielded no JSON value");
    }

    @Test
    void runawayComprehensionsExhaustTheBudget() {
        String fifty = "[" + "0,".repeat(49) + "0]";
        String huge = fifty + ".all(a, " + fifty + ".all(b, " + fifty + ".all(c, a + b + c == 0)))";

        assertThatThrownBy(() -> condition(huge))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("Iteration budget exceeded");
    }

    @Test
    void compileFailuresAtEvaluationAreExpressionExceptions() {
        assertThatThrownBy(() -> condition("inputs.x >"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("invalid expression 'inputs.x >'");
    }

    static Map<String, Object> mapWithNull(String key, Object value, String nullKey) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        map.put(nullKey, null);
        return map;
    }
}
