package dev.taskflux.service.storage;

import io.r2dbc.spi.R2dbcTransientException;
import java.time.Duration;
import org.springframework.dao.TransientDataAccessException;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Database failures worth trying again, such as a deadlock victim or a serialization failure,
 * and the retry used for them where a caller waits on the answer.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** Whether {@code error} is a transient database failure. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof R2dbcTransientException) {
                return true;
            }
        }
        return false;
    }

    /** Three more tries, 50 ms apart and growing, for transient failures only. */
    public static RetryBackoffSpec retry() {
        return Retry.backoff(3, Duration.ofMillis(50)).filter(TransientFailures::isTransient);
    }
}
