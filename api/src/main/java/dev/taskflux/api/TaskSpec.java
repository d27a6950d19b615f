package dev.taskflux.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a task definition runs and when: the part of a definition its owner writes. Absent optional
 * values are filled with defaults by {@link #builder(String, String, Trigger)} and the canonical
 * constructor.
 *
 * @param name        a human name, not unique
 * @param handler     the registered handler that runs each instance
 * @param params      JSON-compatible parameters passed to the handler (null values allowed)
 * @param trigger     when it fires
 * @param retry       how failed attempts are retried
 * @param timeout     how long one attempt may run; {@code null} for no limit
 * @param priority    higher runs first when the service is saturated (0 by default)
 * @param concurrency overlap policy and instance limit
 * @param misfire     what happens to fires missed while down or saturated
 * @param maxRuns     fires after which the definition completes; {@code null} for no limit
 * @param startAt     no fire before this instant; {@code null} for now
 * @param endAt       no fire after this instant; {@code null} for never
 * @param owner       who the definition belongs to (list endpoints filter by it)
 * @param description free text
 * @param labels      key-value labels for filtering
 * @param dependsOn   ids of the task definitions whose runs each instance waits for (see the README)
 */
public record TaskSpec(
        String name,
        String handler,
        Map<String, Object> params,
        Trigger trigger,
        RetryPolicy retry,
        Duration timeout,
        int priority,
        ConcurrencyPolicy concurrency,
        MisfirePolicy misfire,
        Long maxRuns,
        Instant startAt,
        Instant endAt,
        String owner,
        String description,
        Map<String, String> labels,
        List<UUID> dependsOn) {

    /** The owner of definitions created without one. */
    public static final String DEFAULT_OWNER = "default";

    public TaskSpec {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        retry = retry == null ? RetryPolicy.NONE : retry;
        concurrency = concurrency == null ? ConcurrencyPolicy.ALLOW : concurrency;
        misfire = misfire == null ? MisfirePolicy.FIRE_ONCE : misfire;
        owner = owner == null || owner.isBlank() ? DEFAULT_OWNER : owner;
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        // keeps null elements so the validator can name them instead of construction failing
        dependsOn = dependsOn == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(dependsOn));
    }

    /** A spec without dependencies. */
    public TaskSpec(String name, String handler, Map<String, Object> params, Trigger trigger, RetryPolicy retry,
                    Duration timeout, int priority, ConcurrencyPolicy concurrency, MisfirePolicy misfire, Long maxRuns,
                    Instant startAt, Instant endAt, String owner, String description, Map<String, String> labels) {
        this(name, handler, params, trigger, retry, timeout, priority, concurrency, misfire, maxRuns, startAt, endAt,
                owner, description, labels, List.of());
    }

    /** A builder for a definition running {@code handler} on {@code trigger}. */
    public static Builder builder(String name, String handler, Trigger trigger) {
        return new Builder(name, handler, trigger);
    }

    /** A builder pre-filled with this spec, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(name, handler, trigger).params(params).retry(retry).timeout(timeout)
                .priority(priority).concurrency(concurrency).misfire(misfire).maxRuns(maxRuns)
                .startAt(startAt).endAt(endAt).owner(owner).description(description).labels(labels)
                .dependsOn(dependsOn);
    }

    /** Builds a {@link TaskSpec} step by step. */
    public static final class Builder {
        private String name;
        private String handler;
        private Trigger trigger;
        private Map<String, Object> params = Map.of();
        private RetryPolicy retry;
        private Duration timeout;
        private int priority;
        private ConcurrencyPolicy concurrency;
        private MisfirePolicy misfire;
        private Long maxRuns;
        private Instant startAt;
        private Instant endAt;
        private String owner;
        private String description;
        private Map<String, String> labels = Map.of();
        private List<UUID> dependsOn = List.of();

        private Builder(String name, String handler, Trigger trigger) {
            this.name = name;
            this.handler = handler;
            this.trigger = trigger;
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder handler(String handler) { this.handler = handler; return this; }
        public Builder trigger(Trigger trigger) { this.trigger = Objects.requireNonNull(trigger); return this; }
        public Builder params(Map<String, Object> params) { this.params = params; return this; }
        public Builder retry(RetryPolicy retry) { this.retry = retry; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder priority(int priority) { this.priority = priority; return this; }
        public Builder concurrency(ConcurrencyPolicy concurrency) { this.concurrency = concurrency; return this; }
        public Builder misfire(MisfirePolicy misfire) { this.misfire = misfire; return this; }
        public Builder maxRuns(Long maxRuns) { this.maxRuns = maxRuns; return this; }
        public Builder startAt(Instant startAt) { this.startAt = startAt; return this; }
        public Builder endAt(Instant endAt) { this.endAt = endAt; return this; }
        public Builder owner(String owner) { this.owner = owner; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder labels(Map<String, String> labels) { this.labels = labels; return this; }
        public Builder dependsOn(List<UUID> dependsOn) { this.dependsOn = dependsOn; return this; }

        /** The spec; call {@link TaskSpecValidator#validate(TaskSpec)} to check it. */
        public TaskSpec build() {
            return new TaskSpec(name, handler, params, trigger, retry, timeout, priority, concurrency, misfire,
                    maxRuns, startAt, endAt, owner, description, labels, dependsOn);
        }
    }
}
