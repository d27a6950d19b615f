package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowRun;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A SUB_WORKFLOW step: runs another definition as a child run. Its output is the child's outputs,
 * the output of each of the child's completed steps by step id.
 */
final class SubWorkflowStep implements StepRunner {

    private final ChildRuns children;

    SubWorkflowStep(ChildRuns children) {
        this.children = children;
    }

    @Override
    public Mono<Object> run(StepCall call) {
        return Mono.defer(() -> {
            Map<String, Object> inputs = call.params(call.step().inputs(), null);
            call.running();
            return children.run(call.run(), call.step().id(), call.step().workflow(), inputs);
        }).flatMap(child -> child.status() == RunStatus.COMPLETED ? Mono.just(outputs(child))
                : Mono.error(new StepFailure("sub-workflow run " + child.id() + " ended " + child.status()
                        + (child.error() == null ? "" : ": " + child.error()))));
    }

    /** The outputs of a finished run: each completed step's output by step id. */
    static Map<String, Object> outputs(WorkflowRun run) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (StepRun step : run.steps()) {
            if (step.status() == StepStatus.COMPLETED) {
                outputs.put(step.stepId(), step.output());
            }
        }
        return outputs;
    }
}
