package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.StepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A WAIT step: waits for its duration or until its instant. The deadline is stored when the wait
 * starts, so a resumed run waits only for what is left.
 */
final class WaitStep implements StepRunner {

    @Override
    public Mono<Object> run(StepCall call) {
        return Mono.defer(() -> {
            Instant until = deadline(call, call.step().duration());
            return Mono.delay(remaining(call, until), call.support().scheduler())
                    .map(tick -> (Object) Map.of("waitedUntil", until.toString()));
        });
    }

    /** The stored deadline, or a new one {@code wait} from now (the step's instant for a WAIT until), recorded. */
    static Instant deadline(StepCall call, Duration wait) {
        Instant stored = call.state().waitUntil();
        if (stored != null) {
            return stored;
        }
        StepSpec step = call.step();
        Instant until = wait == null ? step.until() : call.now().plus(wait);
        call.waiting(until);
        return until;
    }

    static Duration remaining(StepCall call, Instant until) {
        Duration left = Duration.between(call.now(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
