package dev.taskflux.client;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * One attempt a remote worker runs: which instance, its handler and params, and a way to report
 * progress.
 */
public final class WorkContext {

    private final UUID instanceId;
    private final UUID taskId;
    private final String handler;
    private final Map<String, Object> params;
    private final int attempt;
    private final Instant fireAt;
    private final String owner;
    private final BiConsumer<Double, String> progress;

    WorkContext(UUID instanceId, UUID taskId, String handler, Map<String, Object> params, int attempt,
                Instant fireAt, String owner, BiConsumer<Double, String> progress) {
        this.instanceId = instanceId;
        this.taskId = taskId;
        this.handler = handler;
        this.params = Map.copyOf(params.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        this.attempt = attempt;
        this.fireAt = fireAt;
        this.owner = owner;
        this.progress = progress;
    }

    /** The instance being run. */
    public UUID instanceId() {
        return instanceId;
    }

    /** The task definition it belongs to. */
    public UUID taskId() {
        return taskId;
    }

    /** The handler name the task names. */
    public String handler() {
        return handler;
    }

    /** The task's params (entries with JSON {@code null} values left out). */
    public Map<String, Object> params() {
        return params;
    }

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    public int attempt() {
        return attempt;
    }

    /** When the instance was due. */
    public Instant fireAt() {
        return fireAt;
    }

    /** Who owns the task. */
    public String owner() {
        return owner;
    }

    /**
     * Reports progress, published by the service as an {@code INSTANCE_PROGRESS} event; dropped if
     * the worker lost its connection meanwhile.
     *
     * @param fraction 0 to 1, or {@code null} when unknown
     * @param message  free text, may be {@code null}
     */
    public void progress(Double fraction, String message) {
        progress.accept(fraction, message);
    }
}
