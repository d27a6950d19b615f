package dev.taskflux.proto.convert;

import static dev.taskflux.proto.convert.ProtoValues.duration;
import static dev.taskflux.proto.convert.ProtoValues.instant;
import static dev.taskflux.proto.convert.ProtoValues.timestamp;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.ConcurrencyPolicy;
import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.MisfirePolicy;
import dev.taskflux.api.OverlapPolicy;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.TaskStatus;
import dev.taskflux.api.Trigger;
import dev.taskflux.api.error.Violations;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Task messages of {@code taskflux.v1} and the api model, both ways. Reading a spec checks its
 * shape and names each malformed field as the REST API does ({@code trigger.timezone}); the
 * remaining checks are {@link dev.taskflux.api.TaskSpecValidator}'s.
 */
public final class TaskMessages {

    /** The top-level spec fields, by their protobuf names, in declaration order. */
    public static final List<String> SPEC_FIELDS = List.of("name", "handler", "params", "trigger", "retry", "timeout",
            "priority", "concurrency", "misfire", "max_runs", "start_at", "end_at", "owner", "description", "labels");

    private TaskMessages() {
    }

    /**
     * The spec a message describes.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException naming each malformed field
     */
    public static TaskSpec spec(dev.taskflux.proto.v1.TaskSpec message) {
        return merge(TaskSpec.builder(null, null, Trigger.immediate()), message, SPEC_FIELDS);
    }

    /**
     * {@code base} with the {@code fields} (protobuf names) of {@code message} set on it.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException naming each malformed or unknown field
     */
    public static TaskSpec merge(TaskSpec.Builder base, dev.taskflux.proto.v1.TaskSpec message,
                                 Collection<String> fields) {
        Violations v = new Violations();
        fields.forEach(field -> set(base, field, message, v));
        v.throwIfAny();
        return base.build();
    }

    private static void set(TaskSpec.Builder b, String field, dev.taskflux.proto.v1.TaskSpec m, Violations v) {
        switch (field) {
            case "name" -> b.name(text(m.getName()));
            case "handler" -> b.handler(text(m.getHandler()));
            case "params" -> b.params(m.hasParams() ? ProtoValues.map(m.getParams()) : Map.of());
            case "trigger" -> {
                Trigger trigger = m.hasTrigger() ? trigger(m.getTrigger(), v) : null;
                v.check(!m.hasTrigger(), "trigger", "is required");
                if (trigger != null) {
                    b.trigger(trigger);
                }
            }
            case "retry" -> b.retry(m.hasRetry() ? retry(m.getRetry()) : RetryPolicy.NONE);
            case "timeout" -> b.timeout(m.hasTimeout() ? duration(m.getTimeout()) : null);
            case "priority" -> b.priority(m.getPriority());
            case "concurrency" -> b.concurrency(m.hasConcurrency() ? concurrency(m.getConcurrency()) : null);
            case "misfire" -> b.misfire(ProtoEnums.api(MisfirePolicy.class, m.getMisfire(), "MISFIRE_POLICY_"));
            case "max_runs" -> b.maxRuns(m.hasMaxRuns() ? m.getMaxRuns() : null);
            case "start_at" -> b.startAt(m.hasStartAt() ? instant(m.getStartAt()) : null);
            case "end_at" -> b.endAt(m.hasEndAt() ? instant(m.getEndAt()) : null);
            case "owner" -> b.owner(text(m.getOwner()));
            case "description" -> b.description(text(m.getDescription()));
            case "labels" -> b.labels(m.getLabelsMap());
            default -> v.add("update_mask", "unknown field '" + field + "'; known: " + String.join(", ", SPEC_FIELDS));
        }
    }

    private static Trigger trigger(dev.taskflux.proto.v1.Trigger t, Violations v) {
        switch (t.getKindCase()) {
            case IMMEDIATE:
                return Trigger.immediate();
            case AT:
                v.check(!t.getAt().hasAt(), "trigger.at", "is required for an 'at' trigger");
                return t.getAt().hasAt() ? Trigger.at(instant(t.getAt().getAt())) : null;
            case INTERVAL:
                var interval = t.getInterval();
                v.check(!interval.hasEvery(), "trigger.every", "is required for an 'interval' trigger");
                return interval.hasEvery() ? new Trigger.Interval(duration(interval.getEvery()),
                        interval.hasInitialDelay() ? duration(interval.getInitialDelay()) : null) : null;
            case CRON:
                ZoneId zone = zone(t.getCron().getTimezone(), v);
                return zone == null ? null : Trigger.cron(t.getCron().getExpression(), zone);
            default:
                v.add("trigger", "must be one of immediate, at, interval or cron");
                return null;
        }
    }

    private static ZoneId zone(String timezone, Violations v) {
        if (timezone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            v.add("trigger.timezone", "unknown time zone '" + timezone + "' (an IANA name such as Asia/Shanghai)");
            return null;
        }
    }

    /** The retry policy a message describes; absent fields take {@link RetryPolicy#DEFAULT}'s values. */
    static RetryPolicy retry(dev.taskflux.proto.v1.RetryPolicy r) {
        RetryPolicy d = RetryPolicy.DEFAULT;
        return new RetryPolicy(r.hasMaxRetries() ? r.getMaxRetries() : d.maxRetries(),
                r.hasInitialDelay() ? duration(r.getInitialDelay()) : d.initialDelay(),
                r.hasMultiplier() ? r.getMultiplier() : d.multiplier(),
                r.hasMaxDelay() ? duration(r.getMaxDelay()) : d.maxDelay(),
                r.hasJitter() ? r.getJitter() : d.jitter());
    }

    private static ConcurrencyPolicy concurrency(dev.taskflux.proto.v1.ConcurrencyPolicy c) {
        OverlapPolicy policy = ProtoEnums.api(OverlapPolicy.class, c.getPolicy(), "OVERLAP_POLICY_");
        return new ConcurrencyPolicy(policy == null ? OverlapPolicy.ALLOW : policy,
                c.hasMaxInstances() ? c.getMaxInstances() : null);
    }

    /** The message of a spec. */
    public static dev.taskflux.proto.v1.TaskSpec message(TaskSpec spec) {
        var m = dev.taskflux.proto.v1.TaskSpec.newBuilder()
                .setName(nonNull(spec.name())).setHandler(nonNull(spec.handler()))
                .setParams(ProtoValues.struct(spec.params())).setTrigger(message(spec.trigger()))
                .setPriority(spec.priority())
                .setMisfire(ProtoEnums.proto(dev.taskflux.proto.v1.MisfirePolicy.class, spec.misfire(),
                        "MISFIRE_POLICY_"))
                .setOwner(nonNull(spec.owner())).setDescription(nonNull(spec.description()))
                .putAllLabels(spec.labels());
        if (spec.retry().maxRetries() > 0) {
            m.setRetry(message(spec.retry()));
        }
        var concurrency = dev.taskflux.proto.v1.ConcurrencyPolicy.newBuilder().setPolicy(ProtoEnums.proto(
                dev.taskflux.proto.v1.OverlapPolicy.class, spec.concurrency().policy(), "OVERLAP_POLICY_"));
        if (spec.concurrency().maxInstances() != null) {
            concurrency.setMaxInstances(spec.concurrency().maxInstances());
        }
        m.setConcurrency(concurrency);
        if (spec.timeout() != null) {
            m.setTimeout(duration(spec.timeout()));
        }
        if (spec.maxRuns() != null) {
            m.setMaxRuns(spec.maxRuns());
        }
        if (spec.startAt() != null) {
            m.setStartAt(timestamp(spec.startAt()));
        }
        if (spec.endAt() != null) {
            m.setEndAt(timestamp(spec.endAt()));
        }
        return m.build();
    }

    /** The message of a retry policy, every field set. */
    static dev.taskflux.proto.v1.RetryPolicy message(RetryPolicy r) {
        return dev.taskflux.proto.v1.RetryPolicy.newBuilder().setMaxRetries(r.maxRetries())
                .setInitialDelay(duration(r.initialDelay())).setMultiplier(r.multiplier())
                .setMaxDelay(duration(r.maxDelay())).setJitter(r.jitter()).build();
    }

    private static dev.taskflux.proto.v1.Trigger message(Trigger trigger) {
        var t = dev.taskflux.proto.v1.Trigger.newBuilder();
        if (trigger instanceof Trigger.At at) {
            t.setAt(dev.taskflux.proto.v1.Trigger.At.newBuilder().setAt(timestamp(at.at())));
        } else if (trigger instanceof Trigger.Interval interval) {
            t.setInterval(dev.taskflux.proto.v1.Trigger.Interval.newBuilder().setEvery(duration(interval.every()))
                    .setInitialDelay(duration(interval.initialDelay())));
        } else if (trigger instanceof Trigger.Cron cron) {
            t.setCron(dev.taskflux.proto.v1.Trigger.Cron.newBuilder().setExpression(cron.expression())
                    .setTimezone(cron.zone().getId()));
        } else {
            t.setImmediate(dev.taskflux.proto.v1.Trigger.Immediate.getDefaultInstance());
        }
        return t.build();
    }

    /** The message of a definition. */
    public static dev.taskflux.proto.v1.Task message(TaskDefinition d) {
        var m = dev.taskflux.proto.v1.Task.newBuilder().setId(d.id().toString()).setSpec(message(d.spec()))
                .setStatus(taskStatus(d.status())).setRunCount(d.runCount()).setVersion(d.version())
                .setCreatedAt(timestamp(d.createdAt())).setUpdatedAt(timestamp(d.updatedAt()));
        if (d.nextFireAt() != null) {
            m.setNextFireAt(timestamp(d.nextFireAt()));
        }
        return m.build();
    }

    /** The definition a message describes. */
    public static TaskDefinition definition(dev.taskflux.proto.v1.Task m) {
        return new TaskDefinition(UUID.fromString(m.getId()), spec(m.getSpec()),
                ProtoEnums.api(TaskStatus.class, m.getStatus(), "TASK_STATUS_"),
                m.hasNextFireAt() ? instant(m.getNextFireAt()) : null, m.getRunCount(), m.getVersion(),
                instant(m.getCreatedAt()), instant(m.getUpdatedAt()));
    }

    /** The message of an instance. */
    public static dev.taskflux.proto.v1.TaskInstance message(TaskInstance i) {
        var m = dev.taskflux.proto.v1.TaskInstance.newBuilder().setId(i.id().toString())
                .setTaskId(i.definitionId().toString()).setOwner(nonNull(i.owner())).setHandler(nonNull(i.handler()))
                .setKind(ProtoEnums.proto(dev.taskflux.proto.v1.FireKind.class, i.kind(), "FIRE_KIND_"))
                .setStatus(instanceStatus(i.status())).setAttempt(i.attempt()).setPriority(i.priority())
                .setError(nonNull(i.error())).setLeaseOwner(nonNull(i.leaseOwner()));
        setIf(i.fireAt(), m::setFireAt);
        setIf(i.startedAt(), m::setStartedAt);
        setIf(i.finishedAt(), m::setFinishedAt);
        setIf(i.dueAt(), m::setDueAt);
        setIf(i.createdAt(), m::setCreatedAt);
        if (i.result() != null) {
            m.setResult(ProtoValues.value(i.result()));
        }
        i.attempts().forEach(a -> m.addAttempts(message(a)));
        return m.build();
    }

    /** The message of an attempt. */
    static dev.taskflux.proto.v1.Attempt message(Attempt a) {
        var attempt = dev.taskflux.proto.v1.Attempt.newBuilder().setNumber(a.number())
                .setOutcome(instanceStatus(a.outcome())).setError(nonNull(a.error()));
        setIf(a.startedAt(), attempt::setStartedAt);
        setIf(a.finishedAt(), attempt::setFinishedAt);
        return attempt.build();
    }

    /** The attempt a message describes. */
    static Attempt attempt(dev.taskflux.proto.v1.Attempt a) {
        return new Attempt(a.getNumber(), a.hasStartedAt() ? instant(a.getStartedAt()) : null,
                a.hasFinishedAt() ? instant(a.getFinishedAt()) : null, instanceStatus(a.getOutcome()),
                text(a.getError()));
    }

    /** The instance a message describes. */
    public static TaskInstance instance(dev.taskflux.proto.v1.TaskInstance m) {
        List<Attempt> attempts = m.getAttemptsList().stream().map(TaskMessages::attempt).toList();
        return new TaskInstance(UUID.fromString(m.getId()), UUID.fromString(m.getTaskId()), text(m.getOwner()),
                text(m.getHandler()), ProtoEnums.api(FireKind.class, m.getKind(), "FIRE_KIND_"),
                m.hasFireAt() ? instant(m.getFireAt()) : null, instanceStatus(m.getStatus()), m.getAttempt(),
                m.getPriority(), m.hasStartedAt() ? instant(m.getStartedAt()) : null,
                m.hasFinishedAt() ? instant(m.getFinishedAt()) : null,
                m.hasResult() ? ProtoValues.java(m.getResult()) : null, text(m.getError()), text(m.getLeaseOwner()),
                m.hasDueAt() ? instant(m.getDueAt()) : null, attempts,
                m.hasCreatedAt() ? instant(m.getCreatedAt()) : null);
    }

    /** The protobuf task status; {@code null} is unspecified. */
    public static dev.taskflux.proto.v1.TaskStatus taskStatus(TaskStatus status) {
        return ProtoEnums.proto(dev.taskflux.proto.v1.TaskStatus.class, status, "TASK_STATUS_");
    }

    /** The api task status; unspecified is {@code null}. */
    public static TaskStatus taskStatus(dev.taskflux.proto.v1.TaskStatus status) {
        return ProtoEnums.api(TaskStatus.class, status, "TASK_STATUS_");
    }

    /** The protobuf instance status; {@code null} is unspecified. */
    public static dev.taskflux.proto.v1.InstanceStatus instanceStatus(InstanceStatus status) {
        return ProtoEnums.proto(dev.taskflux.proto.v1.InstanceStatus.class, status, "INSTANCE_STATUS_");
    }

    /** The api instance status; unspecified is {@code null}. */
    public static InstanceStatus instanceStatus(dev.taskflux.proto.v1.InstanceStatus status) {
        return ProtoEnums.api(InstanceStatus.class, status, "INSTANCE_STATUS_");
    }

    static void setIf(Instant instant, java.util.function.Consumer<com.google.protobuf.Timestamp> setter) {
        if (instant != null) {
            setter.accept(timestamp(instant));
        }
    }

    /** Protobuf has no absent strings: empty reads as {@code null}. */
    static String text(String value) {
        return value.isEmpty() ? null : value;
    }

    static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
