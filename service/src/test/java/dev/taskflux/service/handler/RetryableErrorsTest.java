package dev.taskflux.service.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.error.InvalidArgumentException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

class RetryableErrorsTest {

    @Test
    void ordinaryFailuresAreRetryable() {
        assertThat(RetryableErrors.isRetryable(new IllegalStateException("boom"))).isTrue();
        assertThat(RetryableErrors.isRetryable(new TimeoutException())).isTrue();
        assertThat(RetryableErrors.isRetryable(new HttpCallException("503"))).isTrue();
    }

    @Test
    void permanentFailuresAreNot() {
        assertThat(RetryableErrors.isRetryable(new NonRetryableException("gone"))).isFalse();
        assertThat(RetryableErrors.isRetryable(InvalidArgumentException.of("params.url", "is required"))).isFalse();
    }

    @Test
    void looksThroughWrappers() {
        RuntimeException wrapped = new RuntimeException("outer", new NonRetryableException("gone"));
        assertThat(RetryableErrors.isRetryable(wrapped)).isFalse();
        assertThat(RetryableErrors.isRetryable(Exceptions.propagate(new IOException("reset")))).isTrue();
    }

    @Test
    void survivesCausalCycles() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(RetryableErrors.isRetryable(first)).isTrue();
    }
}
