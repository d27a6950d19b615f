package dev.taskflux.service.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Definition-time checks of templates and the steps they read. */
class ParameterTemplatesCheckTest {

    private final ParameterTemplates templates = new ParameterTemplates(new WorkflowExpressions());

    @Test
    void referencedStepsFindsEveryStepInEveryTemplate() {
        Map<String, Object> params = Map.of(
                "file", "${steps.prepare.output.file}",
                "label", "from ${steps['split'].output[0]} and ${inputs.path}",
                "nested", List.of(Map.of("when", "${has(steps.audit.output) ? 1 : 0}")),
                "literal", "steps.fake and $${steps.escaped.output}",
                "inputsOnly", "${inputs.steps.notAStep}");

        assertThat(templates.referencedSteps(params)).containsExactly("audit", "prepare", "split");
    }

    @Test
    void checkAcceptsValidTemplates() {
        templates.check(Map.of(
                "file", "${steps.prepare.output.file}",
                "name", "report-${inputs.date}.csv",
                "items", List.of("${item.id}", 3, "$${HOME}")), "steps.load.params");
    }

    @Test
    void checkNamesEveryBadTemplateByItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("file", "${inputs.path");
        params.put("empty", "before ${ } after");
        params.put("list", new ArrayList<>(List.of("fine", Map.of("deep", "x ${inputs.x >} y"))));
        params.put("unknown", "${foo.bar}");

        assertThatThrownBy(() -> templates.check(params, "steps.prepare.params"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly(
                                "steps.prepare.params.file",
                                "steps.prepare.params.empty",
                                "steps.prepare.params.list[1].deep",
                                "steps.prepare.params.unknown"));
    }

    @Test
    void checkGivesAClearReasonForEachKindOfMistake() {
        assertThatThrownBy(() -> templates.check(Map.of("a", "x ${inputs.path"), "p"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("p.a: unterminated '${' at offset 2: close it with '}', or write '$${' for a literal '${'");
        assertThatThrownBy(() -> templates.check(Map.of("a", "${}"), "p"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("p.a: empty '${}' at offset 0: put an expression inside");
        assertThatThrownBy(() -> templates.check(Map.of("a", List.of("${foo.bar}")), "p"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field, v -> v.reason().contains("undeclared reference to 'foo'"))
                        .containsExactly(tuple("p.a[0]", true)));
    }

    @Test
    void aStringWithAnUnclosedQuoteInsideAPlaceholderIsUnterminated() {
        Map<String, Object> params = new HashMap<>();
        params.put("a", "${'oops}");

        assertThatThrownBy(() -> templates.check(params, "p"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("p.a: unterminated '${'");
    }
}
