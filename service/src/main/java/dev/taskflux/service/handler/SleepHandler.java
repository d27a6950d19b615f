package dev.taskflux.service.handler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Built-in {@code sleep}: waits for param {@code duration} without holding a thread, then succeeds
 * with {@code {"slept": "PT5S"}}, or fails (retryably) if param {@code fail} is {@code true}.
 * Cancelling the attempt ends the wait.
 */
@Component
class SleepHandler implements TaskHandler {

    static final String NAME = "sleep";
    static final Duration MAX_DURATION = Duration.ofDays(1);

    private final Scheduler timer;

    @Autowired
    SleepHandler() {
        this(Schedulers.parallel());
    }

    /** A sleep handler whose waits run on {@code timer}. */
    SleepHandler(Scheduler timer) {
        this.timer = timer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Map<String, Object> params) {
        ParamReader reader = new ParamReader(params).rejectUnknown(List.of("duration", "fail"));
        if (reader.raw("duration").isEmpty()) {
            reader.reject("duration", "is required");
        }
        reader.duration("duration").ifPresent(duration -> {
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                reader.reject("duration", "must be positive and at most " + MAX_DURATION);
            }
        });
        reader.bool("fail");
        reader.throwIfAny();
    }

    @Override
    public Mono<Object> handle(HandlerContext context) {
        return Mono.defer(() -> {
            validate(context.params());
            Duration duration = context.duration("duration").orElseThrow();
            boolean fail = context.flag("fail").orElse(false);
            return Mono.delay(duration, timer).flatMap(ignored -> fail
                    ? Mono.error(new IllegalStateException("slept " + duration + ", then failed as params.fail asked"))
                    : Mono.just(Map.of("slept", duration.toString())));
        });
    }
}
