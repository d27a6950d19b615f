package dev.taskflux.service.grpc;

import dev.taskflux.api.error.InvalidArgumentException;
import java.util.UUID;

/** Ids in requests, which protobuf carries as strings. */
final class Ids {

    private Ids() {
    }

    /**
     * The UUID in {@code value}.
     *
     * @throws InvalidArgumentException naming {@code field} when it is not a UUID
     */
    static UUID parse(String field, String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw InvalidArgumentException.of(field, value.isEmpty() ? "is required" : "must be a UUID");
    }
}
