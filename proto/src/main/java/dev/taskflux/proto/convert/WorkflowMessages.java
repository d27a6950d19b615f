package dev.taskflux.proto.convert;

import static dev.taskflux.proto.convert.ProtoValues.duration;
import static dev.taskflux.proto.convert.ProtoValues.instant;
import static dev.taskflux.proto.convert.TaskMessages.nonNull;
import static dev.taskflux.proto.convert.TaskMessages.setIf;
import static dev.taskflux.proto.convert.TaskMessages.text;

import com.google.protobuf.Struct;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.workflow.FailurePolicy;
import dev.taskflux.api.workflow.HandlerCall;
import dev.taskflux.api.workflow.InputSpec;
import dev.taskflux.api.workflow.MapFailurePolicy;
import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.StepType;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.util.Map;
import java.util.UUID;

/**
 * Workflow definitions and runs between their protobuf messages and the api model, field for field
 * as in the REST JSON. Absent messages and empty strings read as {@code null}, so the service's
 * validation names what is missing.
 */
public final class WorkflowMessages {

    private WorkflowMessages() {
    }

    /** The spec a message describes, unchecked. */
    public static WorkflowSpec spec(dev.taskflux.proto.v1.WorkflowSpec m) {
        return new WorkflowSpec(text(m.getName()), text(m.getDescription()),
                m.getInputsList().stream().map(WorkflowMessages::input).toList(),
                m.getStepsList().stream().map(WorkflowMessages::step).toList(),
                ProtoEnums.api(FailurePolicy.class, m.getFailurePolicy(), "FAILURE_POLICY_"),
                m.hasTimeout() ? duration(m.getTimeout()) : null);
    }

    /** The message of a spec. */
    public static dev.taskflux.proto.v1.WorkflowSpec message(WorkflowSpec spec) {
        var m = dev.taskflux.proto.v1.WorkflowSpec.newBuilder().setName(nonNull(spec.name()))
                .setDescription(nonNull(spec.description()))
                .setFailurePolicy(ProtoEnums.proto(dev.taskflux.proto.v1.FailurePolicy.class, spec.failurePolicy(),
                        "FAILURE_POLICY_"));
        spec.inputs().forEach(i -> m.addInputs(message(i)));
        spec.steps().forEach(s -> m.addSteps(message(s)));
        if (spec.timeout() != null) {
            m.setTimeout(duration(spec.timeout()));
        }
        return m.build();
    }

    /** The message of a stored definition version. */
    public static dev.taskflux.proto.v1.Workflow message(WorkflowDefinition d) {
        var m = dev.taskflux.proto.v1.Workflow.newBuilder().setId(d.id().toString()).setVersion(d.version())
                .setOwner(nonNull(d.owner())).setSpec(message(d.spec()));
        setIf(d.createdAt(), m::setCreatedAt);
        return m.build();
    }

    /** The definition version a message describes. */
    public static WorkflowDefinition definition(dev.taskflux.proto.v1.Workflow m) {
        return new WorkflowDefinition(UUID.fromString(m.getId()), m.getVersion(), text(m.getOwner()),
                spec(m.getSpec()), m.hasCreatedAt() ? instant(m.getCreatedAt()) : null);
    }

    /** The message of a run with its steps. */
    public static dev.taskflux.proto.v1.WorkflowRun message(WorkflowRun r) {
        var m = dev.taskflux.proto.v1.WorkflowRun.newBuilder().setId(r.id().toString())
                .setWorkflowId(r.workflowId().toString()).setWorkflowVersion(r.workflowVersion())
                .setWorkflowName(nonNull(r.workflowName())).setOwner(nonNull(r.owner()))
                .setStatus(runStatus(r.status())).setInputs(ProtoValues.struct(r.inputs()))
                .setError(nonNull(r.error())).setParentRunId(id(r.parentRunId()))
                .setTaskInstanceId(id(r.taskInstanceId()));
        r.steps().forEach(s -> m.addSteps(message(s)));
        setIf(r.createdAt(), m::setCreatedAt);
        setIf(r.startedAt(), m::setStartedAt);
        setIf(r.finishedAt(), m::setFinishedAt);
        setIf(r.deadline(), m::setDeadline);
        return m.build();
    }

    /** The run a message describes. */
    public static WorkflowRun run(dev.taskflux.proto.v1.WorkflowRun m) {
        return new WorkflowRun(UUID.fromString(m.getId()), UUID.fromString(m.getWorkflowId()),
                m.getWorkflowVersion(), text(m.getWorkflowName()), text(m.getOwner()), runStatus(m.getStatus()),
                ProtoValues.map(m.getInputs()), m.getStepsList().stream().map(WorkflowMessages::stepRun).toList(),
                text(m.getError()), uuid(m.getParentRunId()), uuid(m.getTaskInstanceId()),
                m.hasCreatedAt() ? instant(m.getCreatedAt()) : null,
                m.hasStartedAt() ? instant(m.getStartedAt()) : null,
                m.hasFinishedAt() ? instant(m.getFinishedAt()) : null,
                m.hasDeadline() ? instant(m.getDeadline()) : null);
    }

    /** The protobuf run status; {@code null} is unspecified. */
    public static dev.taskflux.proto.v1.RunStatus runStatus(RunStatus status) {
        return ProtoEnums.proto(dev.taskflux.proto.v1.RunStatus.class, status, "RUN_STATUS_");
    }

    /** The api run status; unspecified is {@code null}. */
    public static RunStatus runStatus(dev.taskflux.proto.v1.RunStatus status) {
        return ProtoEnums.api(RunStatus.class, status, "RUN_STATUS_");
    }

    private static InputSpec input(dev.taskflux.proto.v1.InputSpec m) {
        return new InputSpec(text(m.getName()), m.getRequired(), m.hasDefault() ? ProtoValues.java(m.getDefault()) : null,
                text(m.getDescription()));
    }

    private static dev.taskflux.proto.v1.InputSpec message(InputSpec input) {
        var m = dev.taskflux.proto.v1.InputSpec.newBuilder().setName(nonNull(input.name()))
                .setRequired(input.required()).setDescription(nonNull(input.description()));
        if (input.defaultValue() != null) {
            m.setDefault(ProtoValues.value(input.defaultValue()));
        }
        return m.build();
    }

    private static StepSpec step(dev.taskflux.proto.v1.StepSpec m) {
        return new StepSpec(text(m.getId()), ProtoEnums.api(StepType.class, m.getType(), "STEP_TYPE_"),
                m.getDependsOnList(), m.hasTimeout() ? duration(m.getTimeout()) : null,
                m.hasRetry() ? TaskMessages.retry(m.getRetry()) : RetryPolicy.NONE,
                m.hasCompensate() ? call(m.getCompensate()) : null, text(m.getHandler()), params(m.hasParams(),
                m.getParams()), text(m.getExpression()), m.getThenList(), m.getElseList(),
                m.hasDuration() ? duration(m.getDuration()) : null, m.hasUntil() ? instant(m.getUntil()) : null,
                text(m.getItems()), m.hasConcurrency() ? m.getConcurrency() : null, m.getDeduplicate(),
                ProtoEnums.api(MapFailurePolicy.class, m.getFailure(), "MAP_FAILURE_POLICY_"),
                m.getStagesList().stream().map(WorkflowMessages::stage).toList(),
                m.hasMerge() ? call(m.getMerge()) : null, text(m.getWorkflow()), params(m.hasInputs(), m.getInputs()));
    }

    private static dev.taskflux.proto.v1.StepSpec message(StepSpec s) {
        var m = dev.taskflux.proto.v1.StepSpec.newBuilder().setId(nonNull(s.id()))
                .setType(ProtoEnums.proto(dev.taskflux.proto.v1.StepType.class, s.type(), "STEP_TYPE_"))
                .addAllDependsOn(s.dependsOn()).setHandler(nonNull(s.handler()))
                .setParams(ProtoValues.struct(s.params())).setExpression(nonNull(s.expression()))
                .addAllThen(s.then()).addAllElse(s.otherwise()).setItems(nonNull(s.items()))
                .setDeduplicate(s.deduplicate())
                .setFailure(ProtoEnums.proto(dev.taskflux.proto.v1.MapFailurePolicy.class, s.failure(),
                        "MAP_FAILURE_POLICY_"))
                .setWorkflow(nonNull(s.workflow())).setInputs(ProtoValues.struct(s.inputs()));
        if (s.timeout() != null) {
            m.setTimeout(duration(s.timeout()));
        }
        if (s.retry().maxRetries() > 0) {
            m.setRetry(TaskMessages.message(s.retry()));
        }
        if (s.compensate() != null) {
            m.setCompensate(message(s.compensate()));
        }
        if (s.duration() != null) {
            m.setDuration(duration(s.duration()));
        }
        setIf(s.until(), m::setUntil);
        if (s.concurrency() != null) {
            m.setConcurrency(s.concurrency());
        }
        s.stages().forEach(stage -> m.addStages(message(stage)));
        if (s.merge() != null) {
            m.setMerge(message(s.merge()));
        }
        return m.build();
    }

    private static HandlerCall call(dev.taskflux.proto.v1.HandlerCall m) {
        return new HandlerCall(text(m.getHandler()), ProtoValues.map(m.getParams()));
    }

    private static dev.taskflux.proto.v1.HandlerCall message(HandlerCall call) {
        return dev.taskflux.proto.v1.HandlerCall.newBuilder().setHandler(nonNull(call.handler()))
                .setParams(ProtoValues.struct(call.params())).build();
    }

    private static PipelineStage stage(dev.taskflux.proto.v1.PipelineStage m) {
        return new PipelineStage(text(m.getName()), text(m.getHandler()), ProtoValues.map(m.getParams()),
                m.hasConcurrency() ? m.getConcurrency() : null, text(m.getWhen()));
    }

    private static dev.taskflux.proto.v1.PipelineStage message(PipelineStage stage) {
        var m = dev.taskflux.proto.v1.PipelineStage.newBuilder().setName(nonNull(stage.name()))
                .setHandler(nonNull(stage.handler())).setParams(ProtoValues.struct(stage.params()))
                .setWhen(nonNull(stage.when()));
        if (stage.concurrency() != null) {
            m.setConcurrency(stage.concurrency());
        }
        return m.build();
    }

    private static dev.taskflux.proto.v1.StepRun message(StepRun s) {
        var m = dev.taskflux.proto.v1.StepRun.newBuilder().setStepId(s.stepId())
                .setType(ProtoEnums.proto(dev.taskflux.proto.v1.StepType.class, s.type(), "STEP_TYPE_"))
                .setStatus(ProtoEnums.proto(dev.taskflux.proto.v1.StepStatus.class, s.status(), "STEP_STATUS_"))
                .setError(nonNull(s.error()));
        s.attempts().forEach(a -> m.addAttempts(TaskMessages.message(a)));
        if (s.output() != null) {
            m.setOutput(ProtoValues.value(s.output()));
        }
        if (s.progress() != null) {
            m.setProgress(dev.taskflux.proto.v1.StepRun.Progress.newBuilder().setDone(s.progress().done())
                    .setTotal(s.progress().total()));
        }
        setIf(s.startedAt(), m::setStartedAt);
        setIf(s.finishedAt(), m::setFinishedAt);
        setIf(s.waitUntil(), m::setWaitUntil);
        if (s.compensation() != null) {
            var c = dev.taskflux.proto.v1.StepRun.Compensation.newBuilder()
                    .setHandler(nonNull(s.compensation().handler())).setSucceeded(s.compensation().succeeded())
                    .setError(nonNull(s.compensation().error()));
            setIf(s.compensation().finishedAt(), c::setFinishedAt);
            m.setCompensation(c);
        }
        return m.build();
    }

    private static StepRun stepRun(dev.taskflux.proto.v1.StepRun m) {
        var c = m.getCompensation();
        return new StepRun(m.getStepId(), ProtoEnums.api(StepType.class, m.getType(), "STEP_TYPE_"),
                ProtoEnums.api(StepStatus.class, m.getStatus(), "STEP_STATUS_"),
                m.getAttemptsList().stream().map(TaskMessages::attempt).toList(),
                m.hasOutput() ? ProtoValues.java(m.getOutput()) : null, text(m.getError()),
                m.hasProgress() ? new StepRun.Progress(m.getProgress().getDone(), m.getProgress().getTotal()) : null,
                m.hasStartedAt() ? instant(m.getStartedAt()) : null,
                m.hasFinishedAt() ? instant(m.getFinishedAt()) : null,
                m.hasWaitUntil() ? instant(m.getWaitUntil()) : null,
                m.hasCompensation() ? new StepRun.Compensation(text(c.getHandler()), c.getSucceeded(),
                        text(c.getError()), c.hasFinishedAt() ? instant(c.getFinishedAt()) : null) : null);
    }

    private static Map<String, Object> params(boolean present, Struct struct) {
        return present ? ProtoValues.map(struct) : Map.of();
    }

    private static String id(UUID id) {
        return id == null ? "" : id.toString();
    }

    private static UUID uuid(String id) {
        return id.isEmpty() ? null : UUID.fromString(id);
    }
}
