package dev.taskflux.bench;

import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.handler.HandlerRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Streaming through a three-stage PIPELINE step: when the first item leaves the last stage
 * compared with when the last item enters the first, both noted by the stage handlers.
 */
@Command(name = "workflow-pipeline", mixinStandardHelpOptions = true,
        description = "Show items leaving a 3-stage pipeline before the last item has entered it.")
final class WorkflowPipelineCommand extends WorkflowBenchmark {

    private static final List<String> STAGES = List.of("bench_stage_in", "bench_stage_mid", "bench_stage_out");

    @Option(names = "--items", defaultValue = "10000", description = "items (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--stage-concurrency", defaultValue = "16",
            description = "items each stage handles at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    private final StageClock clock = new StageClock();

    @Override
    String name() {
        return "workflow-pipeline";
    }

    @Override
    void prepare(EmbeddedService engine) {
        HandlerRegistry registry = engine.bean(HandlerRegistry.class);
        registry.register(clock.entry(STAGES.get(0)));
        registry.register(clock.passing(STAGES.get(1)));
        registry.register(clock.exit(STAGES.get(2)));
    }

    @Override
    WorkflowSpec spec() {
        PipelineStage[] stages = STAGES.stream()
                .map(handler -> new PipelineStage(handler.substring("bench_stage_".length()), handler, Map.of(),
                        concurrency, null))
                .toArray(PipelineStage[]::new);
        return WorkflowSpec.of("bench-pipeline", StepSpec.pipeline("flow", "inputs.items", stages).build())
                .withInputs(InputSpec.required("items"));
    }

    @Override
    Map<String, Object> inputs() {
        return Map.of("items", IntStream.range(0, items).boxed().toList());
    }

    @Override
    void beforeRun() {
        clock.reset();
    }

    @Override
    List<Figure> measure(WorkflowRun run) {
        checkTraces(run.steps().get(0));
        return List.of(new Figure("first_left_us", "first item left the last stage", clock.firstLeftMillis() * 1000, "µs"),
                new Figure("last_entered_ms", "last item entered the first stage", clock.lastEnteredMillis(), "ms"),
                new Figure("left_before_last_entered", "items through all stages when the last entered",
                        clock.leftBeforeLastEntered(), "items"),
                new Figure("step_ms", "step started to finished",
                        millis(run.steps().get(0).startedAt(), run.steps().get(0).finishedAt()), "ms"));
    }

    private void checkTraces(StepRun step) {
        List<?> passed = step.output() instanceof Map<?, ?> output && output.get("items") instanceof List<?> l
                ? l : List.of();
        List<String> expected = List.of("in", "mid", "out");
        long complete = passed.stream()
                .filter(entry -> entry instanceof Map<?, ?> m && expected.equals(m.get("trace"))).count();
        if (complete != items) {
            throw new IllegalStateException(complete + " of " + items + " items have the trace " + expected);
        }
    }

    @Override
    List<String> notes() {
        return List.of(items + " items through stages in, mid, out (concurrency " + concurrency
                + " each); times from the first item entering stage in, noted by the stage handlers; each run "
                + "checked that every item's trace in the step output is [in, mid, out]");
    }
}
