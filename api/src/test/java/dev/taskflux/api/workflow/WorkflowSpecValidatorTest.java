package dev.taskflux.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WorkflowSpecValidatorTest {

    @Test
    void aDiamondWithEveryStepTypePasses() {
        assertThatNoException().isThrownBy(() -> WorkflowSpecValidator.validate(Workflows.diamond()));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        WorkflowSpec spec = new WorkflowSpec(" ", null, List.of(), List.of(), null, Duration.ZERO);
        assertThat(fields(spec)).containsExactlyInAnyOrder("name", "timeout", "steps");
    }

    @Test
    void stepIdsMustBeWellFormedAndUnique() {
        WorkflowSpec spec = WorkflowSpec.of("w", StepSpec.task("a", "noop").build(),
                StepSpec.task("a", "noop").build(), StepSpec.task("1x", "noop").build(),
                StepSpec.task(" ", "noop").build());
        assertThat(violations(spec)).extracting(FieldViolation::field, FieldViolation::reason).containsExactly(
                tuple("steps[1].id", "duplicate step id 'a', also steps[0]"),
                tuple("steps[2].id", "step id '1x' must match [A-Za-z_][A-Za-z0-9_-]* and be at most 200 characters"),
                tuple("steps[3].id", "is required"));
    }

    @Test
    void unknownDependenciesAreNamedByStep() {
        WorkflowSpec spec = WorkflowSpec.of("w", StepSpec.task("a", "noop").build(),
                StepSpec.task("b", "noop").dependsOn("a", "ghost").build());
        assertThat(violations(spec)).extracting(FieldViolation::field, FieldViolation::reason)
                .containsExactly(tuple("steps[1].dependsOn", "step 'b' depends on unknown step 'ghost'"));
    }

    @Test
    void cyclesNameTheStepsOnThem() {
        WorkflowSpec spec = WorkflowSpec.of("w", StepSpec.task("start", "noop").build(),
                StepSpec.task("a", "noop").dependsOn("start", "c").build(),
                StepSpec.task("b", "noop").dependsOn("a").build(),
                StepSpec.task("c", "noop").dependsOn("b").build(),
                StepSpec.task("self", "noop").dependsOn("self").build());
        assertThat(violations(spec)).extracting(FieldViolation::field, FieldViolation::reason).containsExactly(
                tuple("steps[1].dependsOn", "steps a -> c -> b -> a depend on each other in a cycle (each depends on the next)"),
                tuple("steps[4].dependsOn", "steps self -> self depend on each other in a cycle (each depends on the next)"));
    }

    @Test
    void conditionBranchesMustBeKnownDependents() {
        WorkflowSpec spec = change(2, s -> s.toBuilder().dependsOn("prepare").build());
        spec = spec.withSteps(replace(spec.steps(), 1,
                spec.steps().get(1).toBuilder().then("big", "nope").otherwise("small", "big").build()));
        assertThat(violations(spec)).extracting(FieldViolation::field, FieldViolation::reason).containsExactlyInAnyOrder(
                tuple("steps[1].then", "step 'check' lists in then unknown step 'nope'"),
                tuple("steps[1].then", "step 'big' in then of condition 'check' must depend on 'check'"),
                tuple("steps[1].else", "step 'big' in else of condition 'check' must depend on 'check'"),
                tuple("steps[1].else", "step 'big' is in both then and else of condition 'check'"));
    }

    @Test
    void typeSpecificFieldsAreRequired() {
        WorkflowSpec spec = WorkflowSpec.of("w",
                StepSpec.task("t", null).build(),
                StepSpec.condition("c", " ").build(),
                StepSpec.builder("m", StepType.MAP).build(),
                StepSpec.builder("p", StepType.PIPELINE).merge(null, null).build(),
                StepSpec.builder("s", StepType.SUB_WORKFLOW).build(),
                StepSpec.builder("sig", StepType.SIGNAL).build(),
                StepSpec.builder("x", null).compensate("", null).build());
        assertThat(fields(spec)).containsExactly("steps[0].handler", "steps[1].expression", "steps[2].items",
                "steps[2].handler", "steps[3].items", "steps[3].stages", "steps[3].merge.handler",
                "steps[4].workflow", "steps[5].timeout", "steps[6].compensate.handler", "steps[6].type");
        assertThat(violations(spec).get(0).reason()).isEqualTo("is required for TASK step 't'");
    }

    @Test
    void waitNeedsExactlyOneOfDurationAndUntil() {
        Instant noon = Instant.parse("2030-01-01T12:00:00Z");
        assertThat(fields(WorkflowSpec.of("w", StepSpec.builder("w", StepType.WAIT).build())))
                .containsExactly("steps[0].duration");
        assertThat(fields(WorkflowSpec.of("w", StepSpec.waitFor("w", Duration.ofSeconds(1)).until(noon).build())))
                .containsExactly("steps[0].duration");
        assertThat(violations(WorkflowSpec.of("w", StepSpec.waitFor("w", Duration.ofSeconds(-1)).build())))
                .extracting(FieldViolation::reason).containsExactly("must be a positive duration");
        assertThatNoException().isThrownBy(() -> WorkflowSpecValidator.validate(
                WorkflowSpec.of("w", StepSpec.waitUntil("w", noon).build())));
    }

    @Test
    void durationsRetriesAndConcurrencyAreBounded() {
        WorkflowSpec spec = WorkflowSpec.of("w",
                StepSpec.task("t", "noop").timeout(Duration.ZERO).retry(new RetryPolicy(-1, Duration.ZERO, 0.5,
                        Duration.ofSeconds(1), 2)).build(),
                StepSpec.map("m", "[1]", "noop").concurrency(1025).build(),
                StepSpec.pipeline("p", "[1]", new PipelineStage("s", "noop", null, 0, null),
                        PipelineStage.of("s", "noop")).build());
        assertThat(fields(spec)).containsExactly("steps[0].timeout", "steps[0].retry.maxRetries",
                "steps[0].retry.initialDelay", "steps[0].retry.multiplier", "steps[0].retry.jitter",
                "steps[1].concurrency", "steps[2].stages[0].concurrency", "steps[2].stages[1].name");
        assertThat(violations(spec).get(5).reason()).isEqualTo("step 'm' concurrency must be between 1 and 1024");
    }

    @Test
    void inputsAreNamedUniquelyAndRequiredOnesHaveNoDefault() {
        WorkflowSpec spec = Workflows.diamond().withInputs(InputSpec.required("path"),
                new InputSpec("path", false, null, null), new InputSpec("a-b", false, null, null),
                new InputSpec("x", true, 3, null));
        assertThat(fields(spec)).containsExactly("inputs[1].name", "inputs[2].name", "inputs[3].default");
    }

    private static WorkflowSpec change(int index, UnaryOperator<StepSpec> change) {
        WorkflowSpec spec = Workflows.diamond();
        return spec.withSteps(replace(spec.steps(), index, change.apply(spec.steps().get(index))));
    }

    private static List<StepSpec> replace(List<StepSpec> steps, int index, StepSpec step) {
        List<StepSpec> copy = new ArrayList<>(steps);
        copy.set(index, step);
        return copy;
    }

    private static List<String> fields(WorkflowSpec spec) {
        return violations(spec).stream().map(FieldViolation::field).toList();
    }

    private static List<FieldViolation> violations(WorkflowSpec spec) {
        InvalidArgumentException e = catchThrowableOfType(() -> WorkflowSpecValidator.validate(spec),
                InvalidArgumentException.class);
        assertThat(e).as("expected violations").isNotNull();
        return e.violations();
    }
}
