package dev.taskflux.service.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskflux.api.ConcurrencyPolicy;
import dev.taskflux.api.MisfirePolicy;
import dev.taskflux.api.OverlapPolicy;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.api.error.Violations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task spec as JSON: the body of {@code POST /tasks}, the spec part of every task response and
 * the document stored with each definition. {@link #toSpec()} checks the shape and reports each
 * offending field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDocument(
        String name,
        String handler,
        Map<String, Object> params,
        TriggerDocument trigger,
        RetryDocument retry,
        Duration timeout,
        Integer priority,
        ConcurrencyDocument concurrency,
        MisfirePolicy misfire,
        Long maxRuns,
        Instant startAt,
        Instant endAt,
        String owner,
        String description,
        Map<String, String> labels,
        List<UUID> dependsOn,
        WorkflowTarget workflow) {

    /** A trigger: {@code type} is immediate, at, interval or cron; the other fields depend on it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TriggerDocument(String type, Instant at, Duration every, Duration initialDelay,
                                  String expression, String timezone) {

        Trigger toTrigger(Violations v) {
            if (type == null) {
                v.add("trigger.type", "is required (immediate, at, interval or cron)");
                return null;
            }
            switch (type.toLowerCase(java.util.Locale.ROOT)) {
                case "immediate":
                    return Trigger.immediate();
                case "at":
                    v.check(at == null, "trigger.at", "is required for an 'at' trigger");
                    return at == null ? null : Trigger.at(at);
                case "interval":
                    v.check(every == null, "trigger.every", "is required for an 'interval' trigger");
                    return every == null ? null : new Trigger.Interval(every, initialDelay);
                case "cron":
                    v.check(expression == null || expression.isBlank(), "trigger.expression",
                            "is required for a 'cron' trigger");
                    ZoneId zone = zone(v);
                    return expression == null || zone == null ? null : Trigger.cron(expression, zone);
                default:
                    v.add("trigger.type", "unknown trigger type '" + type + "' (immediate, at, interval or cron)");
                    return null;
            }
        }

        private ZoneId zone(Violations v) {
            if (timezone == null || timezone.isBlank()) {
                return ZoneId.of("UTC");
            }
            try {
                return ZoneId.of(timezone);
            } catch (DateTimeException e) {
                v.add("trigger.timezone", "unknown time zone '" + timezone + "' (an IANA name such as Asia/Shanghai)");
                return null;
            }
        }
    }

    /** A retry policy; absent fields take the defaults of {@link RetryPolicy#DEFAULT}. */
    public record RetryDocument(Integer maxRetries, Duration initialDelay, Double multiplier, Duration maxDelay,
                                Double jitter) {

        /** The document of {@code r}, every field present. */
        public static RetryDocument of(RetryPolicy r) {
            return new RetryDocument(r.maxRetries(), r.initialDelay(), r.multiplier(), r.maxDelay(), r.jitter());
        }
    }

    /** Overlap policy and instance limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConcurrencyDocument(OverlapPolicy policy, Integer maxInstances) {
    }

    /** The document of a spec. */
    public static TaskDocument of(TaskSpec spec) {
        WorkflowTarget target = WorkflowTarget.of(spec.handler(), spec.params()).orElse(null);
        return new TaskDocument(spec.name(), target == null ? spec.handler() : null,
                target == null ? spec.params() : null, trigger(spec.trigger()),
                RetryDocument.of(spec.retry()),
                spec.timeout(), spec.priority(),
                new ConcurrencyDocument(spec.concurrency().policy(), spec.concurrency().maxInstances()),
                spec.misfire(), spec.maxRuns(), spec.startAt(), spec.endAt(), spec.owner(), spec.description(),
                spec.labels(), spec.dependsOn().isEmpty() ? null : spec.dependsOn(), target);
    }

    private static TriggerDocument trigger(Trigger trigger) {
        if (trigger instanceof Trigger.At at) {
            return new TriggerDocument("at", at.at(), null, null, null, null);
        }
        if (trigger instanceof Trigger.Interval interval) {
            return new TriggerDocument("interval", null, interval.every(), interval.initialDelay(), null, null);
        }
        if (trigger instanceof Trigger.Cron cron) {
            return new TriggerDocument("cron", null, null, null, cron.expression(), cron.zone().getId());
        }
        return new TriggerDocument("immediate", null, null, null, null, null);
    }

    /**
     * The spec this document describes, before the checks of
     * {@link dev.taskflux.api.TaskSpecValidator}.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException naming each malformed field
     */
    public TaskSpec toSpec() {
        Violations v = new Violations();
        Trigger parsedTrigger = trigger == null ? null : trigger.toTrigger(v);
        v.check(trigger == null, "trigger", "is required");
        v.check(workflow != null && handler != null, "workflow", "give either handler or workflow, not both");
        v.check(workflow != null && params != null, "params",
                "a task that starts a workflow takes workflow.inputs instead of params");
        v.check(workflow != null && (workflow.id() == null || workflow.id().isBlank()), "workflow.id", "is required");
        v.throwIfAny();
        return new TaskSpec(name, workflow == null ? handler : WorkflowTarget.HANDLER,
                workflow == null ? params : workflow.params(), parsedTrigger, retryPolicy(retry), timeout,
                priority == null ? 0 : priority,
                concurrency == null ? ConcurrencyPolicy.ALLOW : new ConcurrencyPolicy(
                        concurrency.policy() == null ? OverlapPolicy.ALLOW : concurrency.policy(),
                        concurrency.maxInstances()),
                misfire, maxRuns, startAt, endAt, owner, description, labels, dependsOn);
    }

    /** The policy {@code retry} describes: no retries when absent, {@link RetryPolicy#DEFAULT}'s values for absent fields. */
    public static RetryPolicy retryPolicy(RetryDocument retry) {
        if (retry == null) {
            return RetryPolicy.NONE;
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        return new RetryPolicy(
                retry.maxRetries() == null ? d.maxRetries() : retry.maxRetries(),
                retry.initialDelay() == null ? d.initialDelay() : retry.initialDelay(),
                retry.multiplier() == null ? d.multiplier() : retry.multiplier(),
                retry.maxDelay() == null ? d.maxDelay() : retry.maxDelay(),
                retry.jitter() == null ? d.jitter() : retry.jitter());
    }
}
