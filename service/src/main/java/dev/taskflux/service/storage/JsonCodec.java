package dev.taskflux.service.storage;

import dev.taskflux.api.Attempt;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
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

    /** The mapper, for conversions between trees and records. */
    public JsonMapper mapper() {
        return mapper;
    }
}
