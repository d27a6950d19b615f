package dev.taskflux.service.workflow.schedule;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.Violations;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.NonRetryableException;
import dev.taskflux.service.handler.TaskHandler;
import dev.taskflux.service.task.WorkflowTarget;
import dev.taskflux.service.workflow.definition.DefinitionLookup;
import dev.taskflux.service.workflow.run.WorkflowRuns;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The built-in handler {@value WorkflowTarget#HANDLER}: a task instance that starts a workflow run
 * and ends as the run ends. Its attempt starts a run of the workflow's latest version with the
 * task's inputs, tagged with the instance id, and waits for it. An attempt that finds a run this
 * instance started and that has not failed (the node running the instance stopped, and the
 * instance was recovered) attaches to it instead of starting a second one; after a failed run, a
 * retry of the instance starts a new run. A run cancelled from outside fails the instance without
 * retries. Cancelling the instance cancels the run ({@link WorkflowTaskCancellation}).
 */
@Component
class WorkflowTaskHandler implements TaskHandler {

    private final ObjectProvider<WorkflowRuns> runs;
    private final ObjectProvider<DefinitionLookup> definitions;

    // looked up when first used: the run engine itself depends on the handler registry
    WorkflowTaskHandler(ObjectProvider<WorkflowRuns> runs, ObjectProvider<DefinitionLookup> definitions) {
        this.runs = runs;
        this.definitions = definitions;
    }

    @Override
    public String name() {
        return WorkflowTarget.HANDLER;
    }

    @Override
    public void validate(Map<String, Object> params) {
        Violations v = new Violations();
        Object workflow = params.get(WorkflowTarget.WORKFLOW);
        v.check(!(workflow instanceof String id) || id.isBlank(), "workflow.id", "must name a workflow by id or name");
        Object inputs = params.get(WorkflowTarget.INPUTS);
        v.check(inputs != null && !(inputs instanceof Map), "workflow.inputs", "must be a JSON object");
        v.throwIfAny();
    }

    @Override
    public Mono<Object> handle(HandlerContext context) {
        WorkflowTarget target = WorkflowTarget.of(context.handler(), context.params()).orElse(null);
        if (target == null) {
            return Mono.error(new NonRetryableException("params.workflow must name a workflow"));
        }
        WorkflowRuns engine = runs.getObject();
        return engine.list(WorkflowRuns.RunQuery.startedBy(context.instanceId())).next()
                .filter(run -> run.status() != RunStatus.FAILED && run.status() != RunStatus.CANCELLED)
                .switchIfEmpty(Mono.defer(() -> start(engine, target, context)))
                .flatMap(run -> engine.awaitEnd(run.id()))
                .flatMap(WorkflowTaskHandler::outcome);
    }

    private Mono<WorkflowRun> start(WorkflowRuns engine, WorkflowTarget target, HandlerContext context) {
        return definitions.getObject().latest(context.owner(), target.id())
                .switchIfEmpty(Mono.error(() -> new NonRetryableException("unknown workflow '" + target.id()
                        + "' of owner '" + context.owner() + "'")))
                .flatMap(d -> engine.start(d, target.inputs() == null ? Map.of() : target.inputs(),
                        context.instanceId()))
                .onErrorMap(InvalidArgumentException.class, e -> new NonRetryableException(
                        "workflow '" + target.id() + "' rejected the inputs: " + e.getMessage()));
    }

    private static Mono<Object> outcome(WorkflowRun run) {
        String what = "workflow run " + run.id() + " of '" + run.workflowName() + "' ";
        return switch (run.status()) {
            case COMPLETED -> Mono.just(summary(run));
            case CANCELLED -> Mono.error(new NonRetryableException(what + "was cancelled"));
            default -> Mono.error(new WorkflowRunFailed(what + "ended " + run.status()
                    + (run.error() == null ? "" : ": " + run.error())));
        };
    }

    private static Map<String, Object> summary(WorkflowRun run) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runId", run.id().toString());
        result.put("workflowId", run.workflowId().toString());
        result.put("workflowVersion", run.workflowVersion());
        result.put("status", run.status().name());
        return result;
    }

    /** The run failed; a retry of the instance starts a new run. */
    static final class WorkflowRunFailed extends RuntimeException {
        WorkflowRunFailed(String message) {
            super(message, null, false, false);
        }
    }
}
