package dev.taskflux.service.storage;

import dev.taskflux.api.Attempt;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the JSON documents stored in text columns (specs, params, results). */
@Component
public class JsonCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Attempt>> ATTEMPTS = new TypeReference<>() {
    };

    private final JsonMapper mapper;

    public JsonCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code value} as JSON text; {@code null} stays {@code null}. */
    public String write(Object value) {
        return value == null ? null : mapper.writeValueAsString(value);
    }

    /** JSON text as an instance of {@code type}; {@code null} stays {@code null}. */
    public <T> T read(String json, Class<T> type) {
        return json == null ? null : mapper.readValue(json, type);
    }

    /** JSON text as an instance of {@code type}. */
    public <T> T read(String json, TypeReference<T> type) {
        return json == null ? null : mapper.readValue(json, type);
    }

    /** A JSON object as a map; {@code null} stays {@code null}. */
    public Map<String, Object> readMap(String json) {
        return json == null ? null : mapper.readValue(json, MAP);
    }

    /** Any JSON value as plain Java values (maps, lists, strings, numbers, booleans). */
    public Object readValue(String json) {
        return json == null ? null : mapper.readValue(json, Object.class);
    }

    /** An instance's attempts column; {@code null} is no attempt yet. */
    public List<Attempt> readAttempts(String json) {
        return json == null ? List.of() : mapper.readValue(json, ATTEMPTS);
    }

    /**
     * The dotted path of the field a Jackson error is about ({@code retry.maxRetries},
     * {@code labels[0]}), or {@code null} when it is about the document as a whole.
     */
    public static String fieldPath(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : error.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** What is wrong with the value a Jackson error is about, in words a caller can act on. */
    public static String reason(JacksonException error) {
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = expected(mismatch.getTargetType());
            if (expected != null) {
                Object value = error instanceof InvalidFormatException invalid ? invalid.getValue() : null;
                return expected + (value == null ? "" : " (got '" + value + "')");
            }
        }
        return error.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return "must be a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        if (type == java.time.Duration.class) {
            return "must be an ISO-8601 duration such as PT30S";
        }
        if (type == java.time.Instant.class) {
            return "must be an ISO-8601 instant such as 2026-12-01T08:00:00Z";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number in range";
        }
        if (type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return null;
    }

    /** The mapper, for conversions between trees and records. */
    public JsonMapper mapper() {
        return mapper;
    }
}
