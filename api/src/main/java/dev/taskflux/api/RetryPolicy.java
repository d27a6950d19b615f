package dev.taskflux.api;

import java.time.Duration;

/**
 * How failed attempts are retried: up to {@code maxRetries} more attempts, the n-th waiting
 * {@code initialDelay * multiplier^(n-1)} capped at {@code maxDelay}, spread by {@code jitter}
 * (0 = none, 1 = up to the full delay either way).
 *
 * @param maxRetries   retries after the first attempt; 0 disables retrying
 * @param initialDelay delay before the first retry
 * @param multiplier   growth of the delay per retry, at least 1
 * @param maxDelay     upper bound of any delay
 * @param jitter       random spread as a fraction of the delay, 0 to 1
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    /** The default: three retries from one second, doubling up to five minutes, with 10% jitter. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.1);

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 0.0);

    /** {@code maxRetries} retries with a fixed delay and no jitter. */
    public static RetryPolicy fixed(int maxRetries, Duration delay) {
        return new RetryPolicy(maxRetries, delay, 1.0, delay, 0.0);
    }

    /** {@code maxRetries} retries with exponential backoff from {@code initialDelay}. */
    public static RetryPolicy exponential(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay) {
        return new RetryPolicy(maxRetries, initialDelay, multiplier, maxDelay, 0.0);
    }

    /** The delay before retry number {@code retry} (1-based), before jitter. */
    public Duration delayBefore(int retry) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
