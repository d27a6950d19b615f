package dev.taskflux.bench;

import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Items per second of one MAP step calling the no-op handler for every item of a long list. */
@Command(name = "workflow-map", mixinStandardHelpOptions = true,
        description = "Time a MAP step over many items with a no-op handler: items/s.")
final class WorkflowMapCommand extends WorkflowBenchmark {

    @Option(names = "--items", defaultValue = "100000", description = "items to map (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "items handled at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Override
    String name() {
        return "workflow-map";
    }

    @Override
    WorkflowSpec spec() {
        return WorkflowSpec.of("bench-map",
                StepSpec.map("each", "inputs.items", "noop").concurrency(concurrency).build())
                .withInputs(InputSpec.required("items"));
    }

    @Override
    Map<String, Object> inputs() {
        return Map.of("items", IntStream.range(0, items).boxed().toList());
    }

    @Override
    List<Figure> measure(WorkflowRun run) {
        StepRun step = run.steps().get(0);
        double stepMillis = millis(step.startedAt(), step.finishedAt());
        double runMillis = millis(run.startedAt(), run.finishedAt());
        Object succeeded = step.output() instanceof Map<?, ?> output ? output.get("succeeded") : null;
        if (!(succeeded instanceof Number n) || n.intValue() != items) {
            throw new IllegalStateException("the MAP step reports " + succeeded + " successes of " + items);
        }
        return List.of(new Figure("items_per_s", "items/s over the step", items / stepMillis * 1000, "items/s"),
                new Figure("run_items_per_s", "items/s over the run", items / runMillis * 1000, "items/s"),
                new Figure("step_ms", "step started to finished", stepMillis, "ms"));
    }

    @Override
    List<String> notes() {
        return List.of("one MAP step over inputs.items (" + items + " integers) at concurrency " + concurrency
                + " with handler noop; each run checked to report " + items + " successes");
    }
}
