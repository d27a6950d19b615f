package dev.taskflux.service.handler;

import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Built-in {@code noop}: succeeds at once with {@code {"ok": true}}; handy for testing schedules. */
@Component
class NoopHandler implements TaskHandler {

    static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Mono<Object> handle(HandlerContext context) {
        return Mono.just(Map.of("ok", true));
    }
}
