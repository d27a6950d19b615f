package dev.taskflux.service.handler;

import dev.taskflux.api.error.InvalidArgumentException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import reactor.core.Exceptions;

/** Decides whether a failed handler attempt may be retried. */
public final class RetryableErrors {

    private RetryableErrors() {
    }

    /**
     * Whether an attempt that failed with {@code error} may be retried: {@code false} when the error,
     * or any error in its cause chain, is a {@link NonRetryableException} or an
     * {@link InvalidArgumentException} (bad params do not get better); {@code true} otherwise,
     * including timeouts and connection failures.
     */
    public static boolean isRetryable(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = Exceptions.unwrap(error); t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof NonRetryableException || t instanceof InvalidArgumentException) {
                return false;
            }
        }
        return true;
    }
}
