package dev.taskflux.service.task;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.TaskSpecValidator;
import dev.taskflux.api.Trigger;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.trigger.CronSchedule;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every check a spec passes before it is stored: shape, cron syntax, handler and its params, size,
 * and what it refers to (other tasks, workflows).
 */
@Component
class TaskValidation {

    private final HandlerRegistry handlers;
    private final JsonCodec json;
    private final long maxParamsBytes;
    private final ObjectProvider<TaskSpecCheck> checks;

    TaskValidation(HandlerRegistry handlers, JsonCodec json, TaskfluxProperties properties,
                   ObjectProvider<TaskSpecCheck> checks) {
        this.handlers = handlers;
        this.json = json;
        this.maxParamsBytes = properties.limits().maxParamsSize().toBytes();
        this.checks = checks;
    }

    /**
     * Checks {@code spec}, the spec of definition {@code id}, and then what it refers to with every
     * {@link TaskSpecCheck}; fails with {@link InvalidArgumentException} naming the field.
     */
    Mono<Void> checked(UUID id, TaskSpec spec) {
        return Mono.fromRunnable(() -> validate(spec))
                .thenMany(Flux.fromStream(checks::orderedStream).concatMap(check -> check.check(id, spec)))
                .then();
    }

    /**
     * Checks {@code spec}.
     *
     * @throws InvalidArgumentException naming the field and the reason
     */
    void validate(TaskSpec spec) {
        TaskSpecValidator.validate(spec);
        if (spec.trigger() instanceof Trigger.Cron cron) {
            CronSchedule.parse(cron.expression());
        }
        int size = json.write(spec.params()).getBytes(StandardCharsets.UTF_8).length;
        if (size > maxParamsBytes) {
            throw InvalidArgumentException.of("params",
                    "must be at most " + maxParamsBytes + " bytes as JSON (was " + size + ")");
        }
        handlers.validate(spec.handler(), spec.params());
    }
}
