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
import org.springframework.stereotype.Component;

/** Every check a spec passes before it is stored: shape, cron syntax, handler and its params, size. */
@Component
class TaskValidation {

    private final HandlerRegistry handlers;
    private final JsonCodec json;
    private final long maxParamsBytes;

    TaskValidation(HandlerRegistry handlers, JsonCodec json, TaskfluxProperties properties) {
        this.handlers = handlers;
        this.json = json;
        this.maxParamsBytes = properties.limits().maxParamsSize().toBytes();
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
