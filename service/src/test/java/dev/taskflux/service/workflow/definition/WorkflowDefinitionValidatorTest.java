package dev.taskflux.service.workflow.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.handler.TaskHandler;
import dev.taskflux.service.workflow.expression.ParameterTemplates;
import dev.taskflux.service.workflow.expression.WorkflowExpressions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class WorkflowDefinitionValidatorTest {

    private final WorkflowExpressions expressions = new WorkflowExpressions();
    private final WorkflowDefinitionValidator validator = new WorkflowDefinitionValidator(
            new HandlerRegistry(List.of(handler("noop"), new Strict())), expressions, new ParameterTemplates(expressions));

    @Test
    void aDiamondWithEveryStepTypePasses() {
        assertThatNoException().isThrownBy(() -> validator.validate(diamond()));
    }

    @Test
    void everyHandlerMustBeRegistered() {
        WorkflowSpec spec = WorkflowSpec.of("w",
                StepSpec.task("t", "ghost").compensate("ghost", null).build(),
                StepSpec.pipeline("p", "[1]", PipelineStage.of("s", "ghost")).merge("ghost", null).build());
        assertThat(fields(spec)).containsExactly("steps[0].handler", "steps[0].compensate.handler",
                "steps[1].stages[0].handler", "steps[1].merge.handler");
        assertThat(violations(spec).get(0).reason()).isEqualTo("unknown handler 'ghost'; known: noop, strict");
    }

    @Test
    void literalParamsAreCheckedByTheHandlerTemplatedOnesAtRunTime() {
        WorkflowSpec spec = WorkflowSpec.of("w", StepSpec.task("a", "strict").params(Map.of("url", "ftp:x")).build(),
                StepSpec.task("b", "strict").params(Map.of("url", "${inputs.url}")).build());
        assertThat(violations(spec)).extracting(FieldViolation::field, FieldViolation::reason)
                .containsExactly(tuple("steps[0].params.url", "must be http"));
    }

    @Test
    void expressionsAndTemplatesMustCompile() {
        WorkflowSpec spec = WorkflowSpec.of("w",
                StepSpec.condition("c", "1 + 1").build(),
                StepSpec.map("m", "[1,", "noop").params(Map.of("f", "${item")).build(),
                StepSpec.pipeline("p", "[1]", new PipelineStage("s", "noop", null, null, "'x'")).build());
        assertThat(fields(spec)).containsExactly("steps[0].expression", "steps[1].items", "steps[1].params.f",
                "steps[2].stages[0].when");
        assertThat(violations(spec).get(0).reason()).contains("must be a bool, not int");
    }

    @Test
    void stepsReadOnlyUpstreamSteps() {
        WorkflowSpec spec = WorkflowSpec.of("w",
                StepSpec.task("prepare", "noop").build(),
                StepSpec.task("side", "noop").params(Map.of("f", "${steps.prepare.output.file}")).build(),
                StepSpec.condition("c", "steps.side.output.ok && steps.ghost.ok").dependsOn("prepare").build(),
                StepSpec.task("late", "noop").dependsOn("c").compensate("noop",
                        Map.of("own", "${steps.late.output}", "up", "${steps['prepare'].output}")).build());
        assertThat(violations(spec)).extracting(FieldViolation::field, FieldViolation::reason).containsExactly(
                tuple("steps[1].params", "step 'side' reads steps.prepare, which is not upstream of it"),
                tuple("steps[2].expression", "step 'c' reads steps.ghost, which is not a step"),
                tuple("steps[2].expression", "step 'c' reads steps.side, which is not upstream of it"));
    }

    @Test
    void structuralViolationsAreReportedWithTheOthers() {
        WorkflowSpec spec = WorkflowSpec.of(null, StepSpec.task("a", "ghost").dependsOn("a").build());
        assertThat(fields(spec)).containsExactly("name", "steps[0].dependsOn", "steps[0].handler");
    }

    @Test
    void topologicalOrderIsDeterministic() {
        assertThat(validator.topologicalOrder(diamond()))
                .containsExactly("prepare", "check", "big", "small", "pause", "approve", "publish");
        WorkflowSpec cyclic = WorkflowSpec.of("w", StepSpec.task("a", "noop").dependsOn("b").build(),
                StepSpec.task("b", "noop").dependsOn("a").build());
        InvalidArgumentException e = catchThrowableOfType(() -> validator.topologicalOrder(cyclic),
                InvalidArgumentException.class);
        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("steps[0].dependsOn");
        assertThat(e.violations().get(0).reason()).contains("a -> b -> a");
    }

    private static WorkflowSpec diamond() {
        return WorkflowSpec.of("nightly",
                StepSpec.task("prepare", "strict").params(Map.of("url", "http://x"))
                        .compensate("noop", Map.of("file", "${steps.prepare.output.file}")).build(),
                StepSpec.condition("check", "steps.prepare.output.size > 100").dependsOn("prepare")
                        .then("big").otherwise("small").build(),
                StepSpec.map("big", "steps.prepare.output.files", "noop").dependsOn("check")
                        .params(Map.of("file", "${item}", "size", "${steps.check.output}")).concurrency(8).build(),
                StepSpec.pipeline("small", "steps.prepare.output.files",
                        new PipelineStage("parse", "noop", Map.of("f", "${item}"), 4, null),
                        new PipelineStage("load", "noop", Map.of(), null, "item.size() > 0"))
                        .merge("noop", Map.of()).dependsOn("check").build(),
                StepSpec.waitFor("pause", Duration.ofMinutes(5)).dependsOn("prepare").build(),
                StepSpec.signal("approve", Duration.ofHours(1)).dependsOn("pause").build(),
                StepSpec.subWorkflow("publish", "publisher").dependsOn("big", "small", "approve")
                        .inputs(Map.of("file", "${steps.prepare.output.file}", "n", "${inputs.n}")).build());
    }

    private List<String> fields(WorkflowSpec spec) {
        return violations(spec).stream().map(FieldViolation::field).toList();
    }

    private List<FieldViolation> violations(WorkflowSpec spec) {
        InvalidArgumentException e = catchThrowableOfType(() -> validator.validate(spec),
                InvalidArgumentException.class);
        assertThat(e).as("expected violations").isNotNull();
        return e.violations();
    }

    private static TaskHandler handler(String name) {
        return TaskHandler.blocking(name, context -> null);
    }

    /** Accepts only an http {@code url} param. */
    private static final class Strict implements TaskHandler {
        @Override
        public String name() {
            return "strict";
        }

        @Override
        public Mono<Object> handle(HandlerContext context) {
            return Mono.empty();
        }

        @Override
        public void validate(Map<String, Object> params) {
            if (!String.valueOf(params.get("url")).startsWith("http")) {
                throw InvalidArgumentException.of("params.url", "must be http");
            }
        }
    }
}
