package dev.taskflux.service.execution;

import dev.taskflux.api.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** The delay before a retry: the policy's exponential delay, spread by its jitter. Thread-safe when its generator is. */
public final class Backoff {

    private final RandomGenerator random;

    /** Delays spread with numbers drawn from {@code random}. */
    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The delay before retry {@code retry} (1-based) under {@code policy}. */
    public Duration delay(RetryPolicy policy, int retry) {
        Duration base = policy.delayBefore(retry);
        if (policy.jitter() == 0.0) {
            return base;
        }
        double spread = policy.jitter() * (2 * random.nextDouble() - 1);
        long millis = Math.round(base.toMillis() * (1 + spread));
        return Duration.ofMillis(Math.max(0, Math.min(millis, policy.maxDelay().toMillis())));
    }
}
