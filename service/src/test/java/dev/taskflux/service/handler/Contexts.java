package dev.taskflux.service.handler;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Test data: handler contexts with fixed ids and only the params a test cares about. */
final class Contexts {

    static final Instant FIRE_AT = Instant.parse("2030-01-01T00:00:00Z");

    private Contexts() {
    }

    static HandlerContext context(String handler, Map<String, Object> params) {
        return new HandlerContext(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                UUID.fromString("00000000-0000-0000-0000-000000000002"), handler, params, 1, FIRE_AT, "tester");
    }
}
