package dev.taskflux.bench;

import dev.taskflux.api.workflow.WorkflowRun;
import java.util.List;

/** The engine's time per step of a run of no-op steps, from the run's own start and finish. */
final class StepOverhead {

    private StepOverhead() {
    }

    /** The run's duration and its duration divided by {@code steps}. */
    static List<WorkflowBenchmark.Figure> of(WorkflowRun run, int steps) {
        double total = WorkflowBenchmark.millis(run.startedAt(), run.finishedAt());
        return List.of(new WorkflowBenchmark.Figure("us_per_step", "engine overhead per step", total * 1000 / steps, "µs"),
                new WorkflowBenchmark.Figure("run_ms", "run started to finished", total, "ms"));
    }
}
