package dev.taskflux.service.workflow.expression;

import static dev.taskflux.service.workflow.expression.WorkflowExpressionsTest.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterTemplatesTest {

    private final ParameterTemplates templates = new ParameterTemplates(new WorkflowExpressions());

    private final Map<String, Object> inputs = Map.of(
            "path", "/data/in",
            "date", "2024-05-01",
            "retries", 3,
            "ratio", 0.5,
            "dryRun", false,
            "tags", List.of("a", "b"),
            "target", orderedTarget());

    private static Map<String, Object> orderedTarget() {
        Map<String, Object> target = new java.util.LinkedHashMap<>();
        target.put("host", "db");
        target.put("port", 5432);
        return target;
    }

    private final Map<String, Object> steps = Map.of(
            "prepare", completed(Map.of("file", "/tmp/out.csv", "count", 12)),
            "split", completed(List.of("p1", "p2")));

    private Map<String, Object> resolve(Map<String, Object> params) {
        return templates.resolve(params, inputs, steps, null);
    }

    @Test
    void aWholePlaceholderKeepsTheValuesJsonType() {
        Map<String, Object> resolved = resolve(Map.of(
                "retries", "${inputs.retries}",
                "ratio", "${inputs.ratio}",
                "dryRun", "${inputs.dryRun}",
                "target", "${inputs.target}",
                "parts", "${steps.split.output}",
                "file", "${steps.prepare.output.file}",
                "nothing", "${null}"));

        assertThat(resolved)
                .containsEntry("retries", 3L)
                .containsEntry("ratio", 0.5)
                .containsEntry("dryRun", false)
                .containsEntry("target", Map.of("host", "db", "port", 5432L))
                .containsEntry("parts", List.of("p1", "p2"))
                .containsEntry("file", "/tmp/out.csv")
                .containsEntry("nothing", null);
    }

    @Test
    void textAroundPlaceholdersInterpolates() {
        Map<String, Object> resolved = resolve(Map.of(
                "name", "report-${inputs.date}.csv",
                "summary", "${steps.prepare.output.count} rows from ${inputs.path} (dry run: ${inputs.dryRun})",
                "padded", " ${inputs.retries}",
                "json", "target=${inputs.target} tags=${inputs.tags} none=${null}",
                "expression", "next: ${inputs.retries + 1}"));

        assertThat(resolved)
                .containsEntry("name", "report-2024-05-01.csv")
                .containsEntry("summary", "12 rows from /data/in (dry run: false)")
                .containsEntry("padded", " 3")
                .containsEntry("json", "target={\"host\":\"db\",\"port\":5432} tags=[\"a\",\"b\"] none=null")
                .containsEntry("expression", "next: 4");
    }

    @Test
    void dollarDollarBraceIsALiteral() {
        Map<String, Object> resolved = resolve(Map.of(
                "shell", "echo $${HOME} > ${inputs.path}",
                "only", "$${not.an.expression}",
                "dollars", "costs $5 and $$ more"));

        assertThat(resolved)
                .containsEntry("shell", "echo ${HOME} > /data/in")
                .containsEntry("only", "${not.an.expression}")
                .containsEntry("dollars", "costs $5 and $$ more");
    }

    @Test
    void nestedMapsAndListsAreResolvedAndEverythingElseKept() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("files", List.of("${steps.prepare.output.file}", Map.of("dir", "${inputs.path}/x"), 7));
        params.put("options", Map.of("depth", Map.of("max", "${inputs.retries * 2}"), "verbose", true));
        params.put("plain", "no templates here");
        params.put("missing", null);

        Map<String, Object> resolved = resolve(params);

        assertThat(resolved).containsOnlyKeys("files", "options", "plain", "missing");
        assertThat(resolved.get("files")).isEqualTo(List.of("/tmp/out.csv", Map.of("dir", "/data/in/x"), 7));
        assertThat(resolved.get("options")).isEqualTo(Map.of("depth", Map.of("max", 6L), "verbose", true));
        assertThat(resolved).containsEntry("plain", "no templates here").containsEntry("missing", null);
        assertThat(params.get("files")).isEqualTo(
                List.of("${steps.prepare.output.file}", Map.of("dir", "${inputs.path}/x"), 7));
    }

    @Test
    void placeholdersMayReadTheCurrentItem() {
        Map<String, Object> item = Map.of("id", 42, "name", "shard");

        Map<String, Object> resolved = templates.resolve(
                Map.of("id", "${item.id}", "label", "${item.name}-${item.id}", "all", "${item}"),
                inputs, steps, item);

        assertThat(resolved)
                .containsEntry("id", 42L)
                .containsEntry("label", "shard-42")
                .containsEntry("all", Map.of("id", 42L, "name", "shard"));
    }

    @Test
    void bracesInsideAnExpressionDoNotEndIt() {
        Map<String, Object> resolved = resolve(Map.of(
                "picked", "${ {'a': '}', 'b': inputs.date}.b }",
                "quoted", "x${'}'}y"));

        assertThat(resolved).containsEntry("picked", "2024-05-01").containsEntry("quoted", "x}y");
    }

    @Test
    void nullParamsResolveToAnEmptyMap() {
        assertThat(templates.resolve(null, inputs, steps, null)).isEmpty();
        templates.check(null, "steps.a.params");
        assertThat(templates.referencedSteps(null)).isEmpty();
    }

    @Test
    void aRuntimeFailureNamesTheParameter() {
        Map<String, Object> params = Map.of("options", Map.of("list", List.of("ok", "${inputs.nope}")));

        assertThatThrownBy(() -> resolve(params))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("params.options.list[1]: expression 'inputs.nope' failed")
                .hasMessageContaining("key 'nope' is not present in map");
    }

    @Test
    void resolvingAnUncheckedBadTemplateNamesTheParameter() {
        assertThatThrownBy(() -> resolve(Map.of("file", "${inputs.path")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("params.file: unterminated '${' at offset 0");
    }
}
