package dev.taskflux.bench;

import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.api.workflow.WorkflowSpecValidator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Engine overhead per step of many parallel no-op TASK branches joined by one final step. */
@Command(name = "workflow-fanout", mixinStandardHelpOptions = true,
        description = "Time parallel no-op workflow branches and their join: engine overhead per step.")
final class WorkflowFanoutCommand extends WorkflowBenchmark {

    /** A definition holds at most {@link WorkflowSpecValidator#MAX_STEPS} steps, the join included. */
    @Option(names = "--branches", defaultValue = "1000",
            description = "parallel branches, at most one fewer than a definition's step limit "
                    + "(default: ${DEFAULT-VALUE})")
    int branches;

    @Override
    String name() {
        return "workflow-fanout";
    }

    @Override
    WorkflowSpec spec() {
        List<StepSpec> steps = new ArrayList<>();
        String[] ids = new String[branches];
        for (int i = 0; i < branches; i++) {
            ids[i] = "b" + i;
            steps.add(StepSpec.task(ids[i], "noop").build());
        }
        steps.add(StepSpec.task("join", "noop").dependsOn(ids).build());
        return WorkflowSpec.of("bench-fanout").withSteps(steps);
    }

    @Override
    List<Figure> measure(WorkflowRun run) {
        return StepOverhead.of(run, branches + 1);
    }

    @Override
    List<String> notes() {
        return List.of(branches + " independent TASK steps of handler noop and one step depending on all; per step = "
                + "(run finished - run started) / " + (branches + 1) + ", both read from the run");
    }
}
