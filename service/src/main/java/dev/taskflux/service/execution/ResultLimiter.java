package dev.taskflux.service.execution;

import dev.taskflux.service.storage.JsonCodec;
import java.util.Map;

/** Encodes handler results as JSON, replacing ones over the size cap by a note saying so. */
final class ResultLimiter {

    private final JsonCodec json;
    private final long maxBytes;

    ResultLimiter(JsonCodec json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /** {@code result} as JSON, or a {@code {"truncated": true, ...}} object when too large. */
    String encode(Object result) {
        String encoded = json.write(result);
        if (encoded != null && encoded.length() > maxBytes) {
            return json.write(Map.of("truncated", true, "size", encoded.length(),
                    "head", encoded.substring(0, (int) Math.min(1024, maxBytes))));
        }
        return encoded;
    }
}
