package dev.taskflux.service.handler;

import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a {@link TaskHandler} is asked to do: one attempt of one task instance.
 *
 * <p>The typed accessors read {@link #params()}; a missing or {@code null} param reads as empty,
 * and a param of the wrong shape throws {@link InvalidArgumentException} naming
 * {@code params.<key>}, which fails the attempt without retries.
 *
 * @param instanceId   the task instance being run
 * @param definitionId the task definition the instance belongs to
 * @param handler      the handler name, as registered
 * @param params       the definition's handler params, as decoded from JSON; never {@code null}
 * @param attempt      1 for the first attempt, 2 for the first retry, and so on
 * @param fireAt       when the instance was due to fire
 * @param owner        who owns the task definition
 */
public record HandlerContext(
        UUID instanceId,
        UUID definitionId,
        String handler,
        Map<String, Object> params,
        int attempt,
        Instant fireAt,
        String owner) {

    /** Copies {@code params}, reading {@code null} as no params. */
    public HandlerContext {
        // Map.copyOf would reject the null values JSON allows.
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The param {@code key} as a string. */
    public Optional<String> string(String key) {
        return read(reader -> reader.string(key));
    }

    /** The param {@code key} as a boolean. */
    public Optional<Boolean> flag(String key) {
        return read(reader -> reader.bool(key));
    }

    /**
     * The param {@code key} as a duration, given either as an ISO-8601 string such as {@code "PT5S"}
     * or as a whole number of milliseconds.
     */
    public Optional<Duration> duration(String key) {
        return read(reader -> reader.duration(key));
    }

    private <T> Optional<T> read(Function<ParamReader, Optional<T>> accessor) {
        ParamReader reader = new ParamReader(params);
        Optional<T> value = accessor.apply(reader);
        reader.throwIfAny();
        return value;
    }
}
