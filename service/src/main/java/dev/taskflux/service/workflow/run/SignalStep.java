package dev.taskflux.service.workflow.run;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * SIGNAL steps of one run: each waits for {@link #deliver} up to its timeout (a stored deadline,
 * kept across restarts); the payload becomes its output.
 */
final class SignalStep implements StepRunner {

    private final Map<String, Sinks.One<Optional<Object>>> waiting = new ConcurrentHashMap<>();

    @Override
    public Mono<Object> run(StepCall call) {
        return Mono.defer(() -> {
            String id = call.step().id();
            Sinks.One<Optional<Object>> sink = Sinks.one();
            waiting.put(id, sink);
            Instant until = WaitStep.deadline(call, call.step().timeout());
            return sink.asMono()
                    .timeout(WaitStep.remaining(call, until), call.support().scheduler())
                    .onErrorMap(java.util.concurrent.TimeoutException.class, e -> new StepFailure(
                            "no signal for step '" + id + "' by " + until))
                    .flatMap(payload -> Mono.justOrEmpty(payload))
                    .doFinally(signal -> waiting.remove(id, sink));
        });
    }

    /** Hands {@code payload} to the waiting step {@code stepId}; whether it was waiting. */
    boolean deliver(String stepId, Object payload) {
        Sinks.One<Optional<Object>> sink = waiting.get(stepId);
        return sink != null && sink.tryEmitValue(Optional.ofNullable(payload)).isSuccess();
    }
}
