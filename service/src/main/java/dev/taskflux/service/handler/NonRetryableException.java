package dev.taskflux.service.handler;

/**
 * Fails a handler attempt for good: the engine records the failure and does not retry, whatever
 * the task's retry policy. Throw it (or signal it with {@code Mono.error}) when trying again cannot
 * help, such as a webhook answering 404 or params the remote side rejects.
 */
public class NonRetryableException extends RuntimeException {

    /** A permanent failure described by {@code message}. */
    public NonRetryableException(String message) {
        super(message);
    }

    /** A permanent failure described by {@code message}, caused by {@code cause}. */
    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
