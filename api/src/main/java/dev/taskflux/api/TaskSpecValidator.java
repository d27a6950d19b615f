package dev.taskflux.api;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks the parts of a {@link TaskSpec} that need no service state. Field names in violations
 * are the JSON names of the REST API. Cron syntax and handler names are checked by the service.
 */
public final class TaskSpecValidator {

    /** Longest name, owner and label key or value. */
    public static final int MAX_TEXT = 200;
    /** Longest description. */
    public static final int MAX_DESCRIPTION = 2000;
    /** Most labels on one definition. */
    public static final int MAX_LABELS = 50;
    /** Most dependencies of one definition. */
    public static final int MAX_DEPENDENCIES = 50;
    /** Priorities range from {@code -MAX_PRIORITY} to {@code MAX_PRIORITY}. */
    public static final int MAX_PRIORITY = 1000;
    /** Shortest interval: finer ones would flood the history with rows. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    /** Longest interval, initial delay, timeout or retry delay. */
    public static final Duration MAX_DURATION = Duration.ofDays(3660);
    /** Instants (at, startAt, endAt) must lie between these. */
    public static final Instant MIN_INSTANT = Instant.parse("1970-01-01T00:00:00Z");
    /** Instants (at, startAt, endAt) must lie between these. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private static final String TOO_LONG = "must be at most " + MAX_DURATION;
    private static final String OUT_OF_RANGE = "must be between " + MIN_INSTANT + " and " + MAX_INSTANT;

    private TaskSpecValidator() {
    }

    /**
     * Validates {@code spec}.
     *
     * @throws InvalidArgumentException naming every offending field
     */
    public static void validate(TaskSpec spec) {
        Violations v = new Violations();
        text(v, "name", spec.name(), MAX_TEXT, true);
        text(v, "handler", spec.handler(), MAX_TEXT, true);
        text(v, "owner", spec.owner(), MAX_TEXT, true);
        text(v, "description", spec.description(), MAX_DESCRIPTION, false);
        if (spec.trigger() == null) {
            v.add("trigger", "is required");
        } else {
            trigger(v, spec.trigger());
        }
        retry(v, spec.retry());
        positive(v, "timeout", spec.timeout());
        v.check(spec.priority() < -MAX_PRIORITY || spec.priority() > MAX_PRIORITY, "priority",
                "must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY);
        Integer max = spec.concurrency().maxInstances();
        v.check(max != null && max < 1, "concurrency.maxInstances", "must be at least 1");
        v.check(spec.maxRuns() != null && spec.maxRuns() < 1, "maxRuns", "must be at least 1");
        instant(v, "startAt", spec.startAt());
        instant(v, "endAt", spec.endAt());
        v.check(spec.startAt() != null && spec.endAt() != null && !spec.endAt().isAfter(spec.startAt()),
                "endAt", "must be after startAt");
        labels(v, spec.labels());
        dependencies(v, spec.dependsOn());
        v.throwIfAny();
    }

    private static void trigger(Violations v, Trigger trigger) {
        if (trigger instanceof Trigger.At at) {
            instant(v, "trigger.at", at.at());
        } else if (trigger instanceof Trigger.Interval interval) {
            positive(v, "trigger.every", interval.every());
            v.check(interval.every().compareTo(MIN_INTERVAL) < 0 && !interval.every().isNegative()
                    && !interval.every().isZero(), "trigger.every", "must be at least " + MIN_INTERVAL.toMillis() + " ms");
            v.check(interval.initialDelay().isNegative(), "trigger.initialDelay", "must not be negative");
            v.check(interval.initialDelay().compareTo(MAX_DURATION) > 0, "trigger.initialDelay", TOO_LONG);
        } else if (trigger instanceof Trigger.Cron cron) {
            v.check(cron.expression().isBlank(), "trigger.expression", "is required");
        }
    }

    private static void retry(Violations v, RetryPolicy retry) {
        v.check(retry.maxRetries() < 0, "retry.maxRetries", "must not be negative");
        v.check(retry.maxRetries() > 100, "retry.maxRetries", "must be at most 100");
        positive(v, "retry.initialDelay", retry.initialDelay());
        positive(v, "retry.maxDelay", retry.maxDelay());
        v.check(!(retry.multiplier() >= 1.0 && retry.multiplier() <= 100.0), "retry.multiplier",
                "must be between 1 and 100");
        v.check(!(retry.jitter() >= 0.0 && retry.jitter() <= 1.0), "retry.jitter", "must be between 0 and 1");
        if (retry.initialDelay() != null && retry.maxDelay() != null) {
            v.check(retry.maxDelay().compareTo(retry.initialDelay()) < 0, "retry.maxDelay",
                    "must not be less than retry.initialDelay");
        }
    }

    private static void labels(Violations v, Map<String, String> labels) {
        v.check(labels.size() > MAX_LABELS, "labels", "at most " + MAX_LABELS + " labels");
        labels.forEach((key, value) -> {
            v.check(key.isBlank() || key.length() > MAX_TEXT || key.contains("=") || key.indexOf('\0') >= 0,
                    "labels", "keys must be 1 to " + MAX_TEXT + " characters without '=' or NUL");
            v.check(value == null || value.length() > MAX_TEXT || value.indexOf('\0') >= 0, "labels." + key,
                    "must be a string of at most " + MAX_TEXT + " characters without NUL");
        });
    }

    private static void dependencies(Violations v, List<UUID> dependsOn) {
        v.check(dependsOn.size() > MAX_DEPENDENCIES, "dependsOn", "at most " + MAX_DEPENDENCIES + " dependencies");
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < dependsOn.size(); i++) {
            UUID id = dependsOn.get(i);
            v.check(id == null, "dependsOn[" + i + "]", "must be a task id");
            v.check(id != null && !seen.add(id), "dependsOn[" + i + "]", "duplicate dependency " + id);
        }
    }

    private static void positive(Violations v, String field, Duration duration) {
        v.check(duration != null && (duration.isNegative() || duration.isZero()), field, "must be a positive duration");
        v.check(duration != null && duration.compareTo(MAX_DURATION) > 0, field, TOO_LONG);
    }

    private static void instant(Violations v, String field, Instant instant) {
        v.check(instant != null && (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)), field,
                OUT_OF_RANGE);
    }

    private static void text(Violations v, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            v.check(required, field, "is required");
            return;
        }
        v.check(value.length() > max, field, "must be at most " + max + " characters");
        v.check(value.indexOf('\0') >= 0, field, "must not contain NUL characters");
    }
}
