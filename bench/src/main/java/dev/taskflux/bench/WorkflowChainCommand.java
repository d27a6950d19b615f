package dev.taskflux.bench;

import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Engine overhead per step along a chain of no-op TASK steps, each depending on the one before. */
@Command(name = "workflow-chain", mixinStandardHelpOptions = true,
        description = "Time a chain of no-op workflow steps: engine overhead per step.")
final class WorkflowChainCommand extends WorkflowBenchmark {

    @Option(names = "--steps", defaultValue = "100", description = "steps in the chain (default: ${DEFAULT-VALUE})")
    int steps;

    @Override
    String name() {
        return "workflow-chain";
    }

    @Override
    WorkflowSpec spec() {
        List<StepSpec> chain = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            chain.add(i == 0 ? StepSpec.task("s0", "noop").build()
                    : StepSpec.task("s" + i, "noop").dependsOn("s" + (i - 1)).build());
        }
        return WorkflowSpec.of("bench-chain").withSteps(chain);
    }

    @Override
    List<Figure> measure(WorkflowRun run) {
        return StepOverhead.of(run, steps);
    }

    @Override
    List<String> notes() {
        return List.of(steps + " TASK steps of handler noop in one chain; per step = (run finished - run started) / "
                + steps + ", both read from the run");
    }
}
